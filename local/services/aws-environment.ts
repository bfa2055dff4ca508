import { LOCAL_AWS } from '../local-aws';
import { servicesInfo } from './lifecycle';

/** Neither `orch up`'s services nor a configured endpoint: the message says what to do. */
export class NoLocalAws extends Error {
  constructor(readonly stateDir: string) {
    super(
      `no local AWS to deploy to: run \`orch up\` to start the local services (state directory ${stateDir}), ` +
        'or set AWS_ENDPOINT_URL to the endpoint of an AWS emulator you run (such as a moto server: AWS_ENDPOINT_URL=http://127.0.0.1:5000)',
    );
    this.name = 'NoLocalAws';
  }
}

export interface AwsEnvironment {
  /** Variables to put into process.env before creating SDK clients or provisioners. */
  readonly env: Record<string, string>;
  readonly source: 'orch up' | 'environment';
}

// Standard SDK settings passed through from the caller's environment, endpoint overrides per service included.
const PASSED = /^AWS_(ENDPOINT_URL(_[A-Z0-9_]+)?|REGION|DEFAULT_REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$/;

/**
 * Where the engine finds AWS: the services `orch up` runs for this state directory, else the endpoint configured
 * the standard way (AWS_ENDPOINT_URL), with the local region and credentials filled in when unset (an emulator
 * accepts any). A real account is never reached by accident: without an endpoint this throws NoLocalAws.
 */
export function resolveAwsEnvironment(stateDir: string, env: NodeJS.ProcessEnv = process.env): AwsEnvironment {
  const running = servicesInfo(stateDir);
  if (running) return { env: { ...running.env }, source: 'orch up' };
  if (!env.AWS_ENDPOINT_URL) throw new NoLocalAws(stateDir);
  const passed = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => PASSED.test(e[0]) && e[1] !== undefined));
  const region = passed.AWS_REGION ?? passed.AWS_DEFAULT_REGION ?? LOCAL_AWS.region;
  const credentials: Record<string, string> =
    passed.AWS_ACCESS_KEY_ID || passed.AWS_PROFILE ? {} : { AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey };
  return { env: { ...passed, AWS_REGION: region, ...credentials }, source: 'environment' };
}

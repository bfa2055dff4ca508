import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../local/cli/program';
import { NoLocalAws, resolveAwsEnvironment, servicesInfo, stopServices } from '../../../local/services';

describe('resolveAwsEnvironment without orch up', () => {
  let stateDir: string;
  beforeAll(() => (stateDir = mkdtempSync(join(tmpdir(), 'orch-no-services-'))));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  test('with neither services nor AWS_ENDPOINT_URL it says what to do', () => {
    expect(() => resolveAwsEnvironment(stateDir, { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'prod' })).toThrow(NoLocalAws);
    expect(() => resolveAwsEnvironment(stateDir, {})).toThrow(
      `no local AWS to deploy to: run \`orch up\` to start the local services (state directory ${stateDir}), or set AWS_ENDPOINT_URL to the endpoint of an AWS emulator you run (such as a moto server: AWS_ENDPOINT_URL=http://127.0.0.1:5000)`,
    );
  });

  test('a services.json whose daemon is gone, or whose pid another program now has, counts as no services and is cleared without signalling anyone', async () => {
    // A pid far above pid_max (no such process), then this jest worker's own pid (alive, but not a daemon).
    for (const pid of [2 ** 30, process.pid]) {
      const file = join(stateDir, 'services.json');
      writeFileSync(file, JSON.stringify({ pids: { daemon: pid, moto: pid }, startedAt: new Date().toISOString(), env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' } }));
      expect(servicesInfo(stateDir)).toBeUndefined();
      expect(() => resolveAwsEnvironment(stateDir, {})).toThrow(NoLocalAws);
      const logged: string[] = [];
      expect(await stopServices(stateDir, { log: (l) => logged.push(l) })).toBe(false);
      expect(logged).toEqual([`the services recorded in ${file} had already stopped`]);
      expect(existsSync(file)).toBe(false);
    }
  });

  test('a configured endpoint is used with the standard AWS settings passed through, and local region and credentials where unset', () => {
    const configured = { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5001', HOME: '/root', PATH: '/bin' };
    expect(resolveAwsEnvironment(stateDir, configured)).toEqual({
      source: 'environment',
      env: {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5001',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIALOCALTESTING',
        AWS_SECRET_ACCESS_KEY: 'local-secret-key',
      },
    });
    const own = { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_DEFAULT_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAMINE', AWS_SECRET_ACCESS_KEY: 'mine' };
    expect(resolveAwsEnvironment(stateDir, own)).toEqual({ source: 'environment', env: { ...own, AWS_REGION: 'eu-west-1' } });
  });

  test('orch down with nothing running says so and exits 0', async () => {
    let out = '';
    const previous = process.env.ORCH_STATE_DIR;
    process.env.ORCH_STATE_DIR = stateDir;
    try {
      const code = await runCli(['down'], { out: (t) => void (out += t), err: () => undefined, setExitCode: () => undefined });
      expect({ code, out }).toEqual({ code: 0, out: `no local services running for ${stateDir}\n` });
    } finally {
      if (previous === undefined) delete process.env.ORCH_STATE_DIR;
      else process.env.ORCH_STATE_DIR = previous;
    }
  });
});

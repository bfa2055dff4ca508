import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createProvisioners } from '../engine/provision';
import { TypeCatalog } from '../engine/types/catalog';
import { LOCAL_AWS } from '../local-aws';
import { resolveAwsEnvironment } from '../services';
import type { EngineSession } from './engine';

/**
 * Puts together what a deploy or delete runs with: the local AWS (`orch up`'s services, or AWS_ENDPOINT_URL) copied
 * into process.env, because the provisioners run the types' handlers in this process and they find AWS the standard
 * way; the type catalog; provisioners over the state directory. Throws NoLocalAws when there is no local AWS.
 */
export async function openEngineSession(stateDir: string, env: NodeJS.ProcessEnv = process.env): Promise<EngineSession> {
  const aws = resolveAwsEnvironment(stateDir, env);
  Object.assign(process.env, aws.env);
  const region = aws.env.AWS_REGION ?? aws.env.AWS_DEFAULT_REGION ?? LOCAL_AWS.region;
  // moto answers for one account, MOTO_ACCOUNT_ID when the server was started with it; its ARNs must match ours.
  const accountId = env.MOTO_ACCOUNT_ID ?? LOCAL_AWS.accountId;
  const catalog = TypeCatalog.load();
  const { provisioners, close } = await createProvisioners({ stateDir, catalog, region, accountId });
  const endpoint = aws.env.AWS_ENDPOINT_URL;
  const ssm = new SSMClient({ region });
  return {
    options: { stateDir, catalog, provisioners, region, accountId, readSsmParameter: (name) => readSsmParameter(ssm, name) },
    awsSource: aws.source === 'orch up' ? `orch up (${endpoint})` : `AWS_ENDPOINT_URL (${endpoint})`,
    close: async () => {
      ssm.destroy();
      await close();
    },
  };
}

/** `AWS::SSM::Parameter::Value<...>` parameters (CDK's BootstrapVersion) read from the local AWS; undefined when absent. */
async function readSsmParameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (e) {
    if ((e as Error).name === 'ParameterNotFound') return undefined;
    throw e;
  }
}

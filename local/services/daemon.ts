import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startGitServer } from '../git-server';
import { startLambdaEndpoint } from '../lambda-endpoint';
import { LOCAL_AWS, LocalAws, startLocalAws } from '../local-aws';
import { functionFolder, StoredConfiguration } from './function-folder';
import { GIT_SECRET_NAME, PROCESS_MARKERS, readJsonFile, ServicesInfo, stateFiles, writeJsonFile } from './state-files';

const GIT_TYPE = 'Orch::Git::CommitFromS3';

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

/** The Environment and Timeout moto stores for a function; undefined for one it does not know. */
async function storedConfiguration(lambda: LambdaClient, FunctionName: string): Promise<StoredConfiguration | undefined> {
  try {
    const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    return { environment: c.Environment?.Variables, timeoutSeconds: c.Timeout, memorySize: c.MemorySize };
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') log(`GetFunctionConfiguration ${FunctionName}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * The services daemon (`orch up` spawns it detached, through daemon-process.cjs): moto, the Lambda endpoint in front
 * of it and the git server, kept running until SIGTERM. services.json is written last, so its presence means
 * everything answers; it goes again when the daemon stops.
 */
export async function runDaemon(stateDir: string): Promise<void> {
  process.title = PROCESS_MARKERS.daemon[1];
  const files = stateFiles(stateDir);
  mkdirSync(files.functions, { recursive: true });
  mkdirSync(files.git, { recursive: true });
  // CDK's synthesized templates attach AWS managed policies (AWSLambdaBasicExecutionRole, ...) by ARN.
  process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
  const aws = await startLocalAws({ log });
  log(`moto server at ${aws.endpoint} (pid ${aws.pid})`);
  try {
    await serve(stateDir, aws);
  } catch (err) {
    await aws.stop(); // nothing is left running after a failed start
    throw err;
  }
}

async function serve(stateDir: string, aws: LocalAws): Promise<void> {
  const files = stateFiles(stateDir);

  const stored = new LambdaClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint: aws.endpoint });
  // A function sees what a Lambda execution environment gives it, not the environment `orch up` was run in.
  const { PATH, HOME, LANG, TZ, NODE_PATH } = process.env;
  const baseEnv: Record<string, string | undefined> = { PATH, HOME, LANG, TZ, NODE_PATH, ...aws.env, AWS_DEFAULT_REGION: LOCAL_AWS.region };
  const functions = functionFolder(files.functions, { configuration: (name) => storedConfiguration(stored, name), baseEnv });
  const lambda = await startLambdaEndpoint(functions.lookup, { upstream: aws.endpoint });
  // Functions reach the local services the way a Lambda function reaches AWS.
  baseEnv.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
  log(`Lambda endpoint at ${lambda.url}, running functions from ${files.functions}`);

  const username = 'orch';
  const password = randomBytes(24).toString('base64url');
  const git = await startGitServer({ root: files.git, username, password, createRepositories: true });
  const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint: aws.endpoint });
  const secret = await secrets.send(new CreateSecretCommand({ Name: GIT_SECRET_NAME, SecretString: JSON.stringify({ username, password }) }));
  log(`git server at ${git.url} over ${files.git}, credentials in secret ${secret.ARN}`);

  // What an account admin would SetTypeConfiguration: the git type may push to this server only.
  writeJsonFile(files.typeConfiguration, { [GIT_TYPE]: { AllowedRepositoryUrls: [`${git.url}/*`] } });
  const info: ServicesInfo = {
    awsEndpoint: aws.endpoint,
    lambdaEndpoint: lambda.url,
    gitUrl: git.url,
    env: {
      ...aws.env,
      AWS_DEFAULT_REGION: LOCAL_AWS.region,
      AWS_ENDPOINT_URL_LAMBDA: lambda.url,
      ORCH_GIT_URL: git.url,
      ORCH_GIT_SECRET_ARN: secret.ARN!,
    },
    gitCredentialsSecretArn: secret.ARN!,
    pids: { daemon: process.pid, moto: aws.pid! },
    startedAt: new Date().toISOString(),
    logFile: files.log,
  };

  let stopping = false;
  const stop = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${why}`);
    // Ours only: a newer daemon may have taken over the state directory.
    if (readJsonFile<ServicesInfo>(files.services)?.pids.daemon === process.pid) {
      rmSync(files.services, { force: true });
      rmSync(files.typeConfiguration, { force: true });
    }
    await aws.stop();
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGINT', () => void stop('SIGINT', 0));
  void aws.exited?.then(() => stop('the moto server exited', 1));
  // Functions run in worker threads: an error here is the daemon's own, logged rather than stopping every service.
  process.on('uncaughtException', (err) => log(`uncaught error: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => log(`unhandled rejection: ${String(err)}`));

  writeJsonFile(files.services, info);
  log(`ready: ${files.services}`);
}

/** The daemon-process.cjs entry: a start-up failure is logged (startServices shows the log) and ends the process. */
export function main(stateDir: string | undefined): void {
  if (!stateDir || !existsSync(stateDir)) {
    log(`usage: daemon-process.cjs STATE_DIR (an existing folder), got ${stateDir}`);
    process.exit(2);
  }
  runDaemon(stateDir).catch((err: Error) => {
    log(`could not start the services: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}

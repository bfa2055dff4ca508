import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateRoleCommand, GetPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../local/cli/program';
import { inlineZip } from '../../../local/engine/native/lambda-function';
import { listStacks, readEvents } from '../../../local/engine/state/stack-store';
import { LOCAL_AWS } from '../../../local/local-aws';
import { gitCli } from '../../../local/process';
import { resolveAwsEnvironment, ServicesBusy, ServicesInfo, servicesInfo, startServices, stopServices } from '../../../local/services';
import { isAlive } from '../../../local/services/state-files';
import { commitsOf } from '../../support/git-repos';

const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

/** Runs the orch program in-process, capturing what it prints. */
async function orch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), setExitCode: () => undefined });
  return { code, out, err };
}

const clientOptions = (endpoint: string) => ({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint });

/** An inline function as the AWS::Lambda::Function provider leaves it: `<functions>/<name>/function.json` and the module. */
function writeFunction(stateDir: string, name: string, source: string, manifest = { module: 'index', exportName: 'handler', timeoutSeconds: 10 }): void {
  const folder = join(stateDir, 'functions', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${manifest.module}.js`), source);
  writeFileSync(join(folder, 'function.json'), JSON.stringify(manifest));
}

async function invoke(info: ServicesInfo, FunctionName: string, payload: unknown) {
  const out = await new LambdaClient(clientOptions(info.lambdaEndpoint)).send(new InvokeCommand({ FunctionName, Payload: JSON.stringify(payload) }));
  return { error: out.FunctionError, body: JSON.parse(Buffer.from(out.Payload!).toString()) };
}

describe('orch up / orch down: the services daemon', () => {
  let stateDir: string;
  let work: string;
  let info: ServicesInfo;
  let roleArn: string;
  const previousStateDir = process.env.ORCH_STATE_DIR;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'orch-services-'));
    work = mkdtempSync(join(tmpdir(), 'orch-services-work-'));
    process.env.ORCH_STATE_DIR = stateDir;
    const up = await orch('up');
    expect(up).toMatchObject({ code: 0 });
    info = servicesInfo(stateDir)!;
    expect(info).toBeDefined();
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = await new IAMClient(clientOptions(info.awsEndpoint)).send(new CreateRoleCommand({ RoleName: 'functions', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    roleArn = role.Role!.Arn!;
  });

  afterAll(async () => {
    await stopServices(stateDir).catch(() => undefined);
    if (previousStateDir === undefined) delete process.env.ORCH_STATE_DIR;
    else process.env.ORCH_STATE_DIR = previousStateDir;
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  test('up records the endpoints, pids and environment in services.json and the git type configuration in type-configuration.json', async () => {
    expect(JSON.parse(readFileSync(join(stateDir, 'services.json'), 'utf8'))).toEqual(info);
    expect(isAlive(info.pids.daemon) && isAlive(info.pids.moto)).toBe(true);
    expect(readFileSync(`/proc/${info.pids.daemon}/cmdline`, 'utf8')).toContain('orch-services');
    // CDK templates attach AWS managed policies by ARN.
    const managed = await new IAMClient(clientOptions(info.awsEndpoint)).send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    expect(managed.Policy?.PolicyName).toBe('AWSLambdaBasicExecutionRole');
    expect(info.env).toEqual({
      AWS_ENDPOINT_URL: info.awsEndpoint,
      AWS_ENDPOINT_URL_LAMBDA: info.lambdaEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      ORCH_GIT_URL: info.gitUrl,
      ORCH_GIT_SECRET_ARN: info.gitCredentialsSecretArn,
    });
    expect(JSON.parse(readFileSync(join(stateDir, 'type-configuration.json'), 'utf8'))).toEqual({
      'Orch::Git::CommitFromS3': { AllowedRepositoryUrls: [`${info.gitUrl}/*`] },
    });
    // moto runs state machines for real: a Pass state's Result is the execution's output.
    const sfn = new SFNClient(clientOptions(info.awsEndpoint));
    const definition = { StartAt: 'Score', States: { Score: { Type: 'Pass', Result: { accuracy: 0.93 }, End: true } } };
    const machine = await sfn.send(new CreateStateMachineCommand({ name: 'score', roleArn: 'arn:aws:iam::123456789012:role/sfn', definition: JSON.stringify(definition) }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn }));
    let execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (execution.status === 'RUNNING') execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect([execution.status, JSON.parse(execution.output!)]).toEqual(['SUCCEEDED', { accuracy: 0.93 }]);
    expect(resolveAwsEnvironment(stateDir, {})).toEqual({ env: info.env, source: 'orch up' });
  });

  test('a second up says the services already run and prints the same endpoints and exports', async () => {
    const again = await orch('up');
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[0]).toBe(`# Local services already running (pid ${info.pids.daemon}, since ${info.startedAt})`);
    const exports = again.out.split('\n').filter((l) => l.startsWith('export '));
    expect(exports).toEqual(Object.entries(info.env).map(([k, v]) => `export ${k}='${v}'`));
    const json = await orch('up', '--json');
    expect(JSON.parse(json.out)).toEqual({ stateDir, alreadyRunning: true, ...info });
    expect(await startServices(stateDir)).toEqual(info);
  });

  test('an inline function from functions/<name>/function.json runs at Invoke with the local AWS in its environment, and changed code is loaded again', async () => {
    const bucket = `svc-${Date.now()}`;
    writeFunction(
      stateDir,
      'writer',
      `const { S3Client, CreateBucketCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
       exports.handler = async (event, context) => {
         const s3 = new S3Client({ forcePathStyle: true });
         await s3.send(new CreateBucketCommand({ Bucket: event.bucket }));
         await s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: 'out.json', Body: JSON.stringify({ by: context.functionName }) }));
         return { version: 1 };
       };`,
    );
    expect(await invoke(info, 'writer', { bucket })).toEqual({ error: undefined, body: { version: 1 } });
    const object = await new S3Client({ ...clientOptions(info.awsEndpoint), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: bucket, Key: 'out.json' }));
    expect(JSON.parse(await object.Body!.transformToString())).toEqual({ by: 'writer' });

    writeFunction(stateDir, 'writer', 'exports.main = async (event) => ({ version: 2, echo: event });', { module: 'app', exportName: 'main', timeoutSeconds: 10 });
    expect(await invoke(info, `arn:aws:lambda:us-east-1:123456789012:function:writer`, { x: 1 })).toEqual({ error: undefined, body: { version: 2, echo: { x: 1 } } });
  });

  test('a function that throws, or whose module exports no handler, fails as a function error and the endpoint keeps serving', async () => {
    writeFunction(stateDir, 'thrower', "exports.handler = async () => { const e = new Error('loss became NaN'); e.name = 'TrainingDiverged'; throw e; };");
    expect(await invoke(info, 'thrower', {})).toMatchObject({ error: 'Unhandled', body: { errorType: 'TrainingDiverged', errorMessage: 'loss became NaN' } });
    writeFunction(stateDir, 'no-export', 'exports.other = async () => 1;');
    expect(await invoke(info, 'no-export', {})).toMatchObject({ error: 'Unhandled', body: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.js exports no function handler' } });
    writeFunction(stateDir, 'broken', 'exports.handler = async () => {');
    expect(await invoke(info, 'broken', {})).toMatchObject({ error: 'Unhandled', body: { errorType: 'Runtime.ImportModuleError' } });
    expect(await invoke(info, 'thrower', {})).toMatchObject({ error: 'Unhandled' });
  });

  test('each function runs with its own stored Environment and Timeout: a changed configuration applies to the next Invoke, a timeout or a stray error ends only that invocation', async () => {
    const lambda = new LambdaClient(clientOptions(info.lambdaEndpoint));
    const create = (FunctionName: string, Timeout: number, Variables: Record<string, string>) =>
      lambda.send(new CreateFunctionCommand({ FunctionName, Role: roleArn, Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout, Environment: { Variables }, Code: { ZipFile: inlineZip('index', '') } }));
    await create('greeter', 5, { GREETING: 'hello' });
    await create('other', 5, { GREETING: 'bonjour' });
    const source = `exports.handler = (event, context, callback) => callback(null, {
      greeting: process.env.GREETING, name: process.env.AWS_LAMBDA_FUNCTION_NAME, endpoint: process.env.AWS_ENDPOINT_URL,
      inherited: process.env.ORCH_STATE_DIR ?? null, remaining: context.getRemainingTimeInMillis() > 0 });`;
    writeFunction(stateDir, 'greeter', source);
    writeFunction(stateDir, 'other', source);
    const expected = { name: 'greeter', endpoint: info.awsEndpoint, inherited: null, remaining: true };
    expect(await invoke(info, 'greeter', {})).toEqual({ error: undefined, body: { ...expected, greeting: 'hello' } });
    expect(await invoke(info, 'other', {})).toMatchObject({ body: { name: 'other', greeting: 'bonjour' } });
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', Environment: { Variables: { GREETING: 'hi' } } }));
    expect(await invoke(info, 'greeter', {})).toEqual({ error: undefined, body: { ...expected, greeting: 'hi' } });

    await create('sleeper', 1, {});
    writeFunction(stateDir, 'sleeper', 'exports.handler = async (event) => (event.hang ? new Promise(() => undefined) : { awake: true });');
    expect(await invoke(info, 'sleeper', { hang: true })).toEqual({
      error: 'Unhandled',
      body: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds', trace: expect.any(Array) },
    });
    expect(await invoke(info, 'sleeper', {})).toEqual({ error: undefined, body: { awake: true } });

    writeFunction(stateDir, 'stray', "exports.handler = (event) => new Promise(() => { if (event.fail) setImmediate(() => { throw new Error('stray failure'); }); else throw new Error('never'); });");
    expect(await invoke(info, 'stray', { fail: true })).toMatchObject({ error: 'Unhandled', body: { errorMessage: 'stray failure' } });
    expect(await invoke(info, 'greeter', {})).toMatchObject({ error: undefined, body: { greeting: 'hi' } });
  });

  test('CreateFunction and every other Lambda call through the endpoint reach moto', async () => {
    const lambda = new LambdaClient(clientOptions(info.lambdaEndpoint));
    const created = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'stored', Role: roleArn, Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 42, Code: { ZipFile: inlineZip('index', 'exports.handler = async () => 1;') } }),
    );
    expect(created.FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:stored');
    const direct = await new LambdaClient(clientOptions(info.awsEndpoint)).send(new GetFunctionCommand({ FunctionName: 'stored' }));
    expect(direct.Configuration).toMatchObject({ FunctionName: 'stored', Timeout: 42 });
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'absent' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('a push to a repository nobody created succeeds with the credentials of the orch/local-git secret; wrong ones create nothing', async () => {
    const secret = await new SecretsManagerClient(clientOptions(info.awsEndpoint)).send(new GetSecretValueCommand({ SecretId: 'orch/local-git' }));
    expect(secret.ARN).toBe(info.gitCredentialsSecretArn);
    const { username, password } = JSON.parse(secret.SecretString!) as { username: string; password: string };
    const authed = info.gitUrl.replace('http://', `http://${username}:${encodeURIComponent(password)}@`);

    const wrong = info.gitUrl.replace('http://', `http://${username}:wrong@`);
    await expect(gitCli(['ls-remote', `${wrong}/research/stolen.git`], work)).rejects.toThrow(/Authentication failed|401/);
    expect(existsSync(join(stateDir, 'git', 'research', 'stolen.git'))).toBe(false);

    const clone = join(work, 'models');
    await gitCli(['init', '-q', '--initial-branch=main', clone], work);
    writeFileSync(join(clone, 'model-card.md'), '# resnet\n');
    await gitCli(['add', '.'], clone);
    await gitCli(['commit', '-q', '-m', 'first release'], clone, IDENTITY);
    await gitCli(['push', '-q', `${authed}/research/models.git`, 'HEAD:main'], clone);
    const commits = await commitsOf(join(stateDir, 'git', 'research', 'models.git'), 'main');
    expect(commits.map((c) => c.message)).toEqual(['first release']);
  });

  test('down is refused while a deploy holds a stack lock, naming the stack and pid', async () => {
    const lockDir = join(stateDir, 'stacks', 'busy');
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(join(lockDir, 'deploy.lock'), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), operation: 'deploy' }));
    try {
      await expect(stopServices(stateDir)).rejects.toThrow(ServicesBusy);
      const down = await orch('down');
      expect(down.code).toBe(3);
      expect(down.err).toBe(`orch down: stack busy is being deployed or deleted by pid ${process.pid}: wait for it to end, or stop it, before stopping the services\n`);
      expect(servicesInfo(stateDir)).toEqual(info);
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  });

  test('down stops every process, removes services.json and type-configuration.json, and forgets the stacks created meanwhile', async () => {
    const record = (stackName: string, createdAt: string, resources = {}) => {
      mkdirSync(join(stateDir, 'stacks', stackName), { recursive: true });
      writeFileSync(join(stateDir, 'stacks', stackName, 'stack.json'), JSON.stringify({ stackName, stackId: `id-${stackName}`, createdAt, updatedAt: createdAt, resources }));
    };
    record('older', '2020-01-01T00:00:00.000Z');
    record('local', new Date().toISOString(), { Fn: { logicalId: 'Fn', type: 'AWS::Lambda::Function', physicalId: 'writer', attributes: {} } });

    const down = await orch('down');
    expect(down).toEqual({
      code: 0,
      out: `stopped the local services (pids ${info.pids.daemon}, ${info.pids.moto})\nforgot the stack local: its resources lived in the stopped local AWS\n`,
      err: '',
    });
    expect([isAlive(info.pids.daemon), isAlive(info.pids.moto)]).toEqual([false, false]);
    expect(await fetch(`${info.awsEndpoint}/moto-api/config`).then(() => 'answered', () => 'refused')).toBe('refused');
    expect(existsSync(join(stateDir, 'services.json')) || existsSync(join(stateDir, 'type-configuration.json'))).toBe(false);
    expect(listStacks(stateDir).map((r) => r.stackName)).toEqual(['older']);
    expect(existsSync(join(stateDir, 'functions', 'writer'))).toBe(false);
    expect(readEvents(stateDir, 'local')).toEqual([
      expect.objectContaining({ stackName: 'local', stackId: 'id-local', logicalId: 'local', type: 'AWS::CloudFormation::Stack', status: 'DELETE_COMPLETE', reason: 'orch down stopped the local AWS its resources lived in' }),
    ]);
    expect(existsSync(join(stateDir, 'git', 'research', 'models.git'))).toBe(true);
    expect(servicesInfo(stateDir)).toBeUndefined();
    expect(await orch('down')).toEqual({ code: 0, out: `no local services running for ${stateDir}\n`, err: '' });
  });

  test('after a daemon was killed, up clears what it left (moto included) and starts fresh services', async () => {
    const first = await startServices(stateDir);
    process.kill(first.pids.daemon, 'SIGKILL');
    while (isAlive(first.pids.daemon)) await new Promise((r) => setTimeout(r, 50));
    expect(servicesInfo(stateDir)).toBeUndefined();
    const logged: string[] = [];
    // Two ups at once start one daemon: the second waits on services.lock and gets the first one's services.
    const [second, concurrent] = await Promise.all([startServices(stateDir, { log: (l) => logged.push(l) }), startServices(stateDir)]);
    expect(second.pids.daemon).not.toBe(first.pids.daemon);
    expect(concurrent).toEqual(second);
    expect(logged[0]).toBe(`stopped the local services (pids ${first.pids.moto})`);
    expect(isAlive(first.pids.moto)).toBe(false);
    expect(await stopServices(stateDir)).toBe(true);
  });

  test('a daemon that cannot start is reported with the end of its log, and leaves no moto running', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'orch-services-broken-'));
    try {
      // type-configuration.json is written after moto started; a folder in its place makes the start fail there.
      mkdirSync(join(broken, 'type-configuration.json', 'blocked'), { recursive: true });
      const failure = await startServices(broken).then(() => undefined, (e: Error) => e.message);
      expect(failure).toMatch(new RegExp(`^the services daemon exited \\(code 1\\) before it was ready; ${join(broken, 'services.log')} ends with:\n`));
      expect(failure).toContain('could not start the services: Error: EISDIR');
      const log = readFileSync(join(broken, 'services.log'), 'utf8');
      const motoPid = Number(/moto server at \S+ \(pid (\d+)\)/.exec(log)![1]);
      expect(isAlive(motoPid)).toBe(false);
      expect(existsSync(join(broken, 'services.json'))).toBe(false);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

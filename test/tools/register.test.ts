import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  DescribeTypeRegistrationCommand,
  GetTemplateCommand,
  RegisterTypeCommand,
  SetTypeConfigurationCommand,
  SetTypeDefaultVersionCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { venvBin } from '../../local/python-env';
import { checkRuntimes, loggingStackName, parseRegisterArgs, RegisteredType, registerTypes, roleStackName, roleTemplate, selectTypes } from '../../tools/register';
import { bundleOptions } from '../../tools/bundle';
import { assertRuntimeSupported, configuredRuntime, esbuildTarget, LAMBDA_NODE_RUNTIMES, lambdaRuntime, supportedRuntimes } from '../../tools/lambda-runtimes';
import { logGroupName } from '../../tools/register/logging';
import { deployExecutionRole, Poll } from '../../tools/register/aws';
import { typeFolders } from '../../tools/type-folders';

// moto (started by jest's global setup, reached through AWS_ENDPOINT_URL) runs the stacks and S3 for real.
const cfn = new CloudFormationClient({});
const s3 = new S3Client({});
const FAST: Poll = { firstMs: 5, maxMs: 50, timeoutMs: 60_000 };
const settings = { stackPoll: FAST, registrationPoll: FAST };

const BUCKET = 'orch-register-test';
const FOLDER = 'stepfunctions-task';
const type = typeFolders().find((t) => t.dir.endsWith(FOLDER))!;
const TYPE_NAME = type.schema.typeName as string;
const STACK = roleStackName(type);
const VERSION_ARN = `arn:aws:cloudformation:us-east-1:123456789012:type/resource/Orch-StepFunctions-Task/00000001`;

/** A stack's parameters; moto reports a CommaDelimitedList value as a Python list ("['a', 'b']"), CloudFormation as "a,b". */
function stackParameters(stack: { Parameters?: Array<{ ParameterKey?: string; ParameterValue?: string }> } | undefined): Record<string, string[]> {
  const list = (value = '') => (value.startsWith('[') ? (JSON.parse(value.replace(/'/g, '"')) as string[]) : value.split(',')).filter(Boolean);
  return Object.fromEntries((stack?.Parameters ?? []).map((p) => [p.ParameterKey!, list(p.ParameterValue)]));
}

/** A client of its own whose registry calls are answered by the mock; moto does not implement them. */
function mockedRegistry(status: 'COMPLETE' | 'FAILED') {
  const client = new CloudFormationClient({});
  const mock = mockClient(client);
  mock.on(RegisterTypeCommand).resolves({ RegistrationToken: 'token-1' });
  mock
    .on(DescribeTypeRegistrationCommand)
    .resolvesOnce({ ProgressStatus: 'IN_PROGRESS', Description: 'Deployment is currently in DEPLOY_STAGE of status IN_PROGRESS' })
    .resolves(
      status === 'COMPLETE'
        ? { ProgressStatus: 'COMPLETE', TypeArn: VERSION_ARN.replace(/\/\d+$/, ''), TypeVersionArn: VERSION_ARN }
        : { ProgressStatus: 'FAILED', Description: 'Handler package is invalid: ResourceProvider.zip missing' },
    );
  mock.on(SetTypeDefaultVersionCommand).resolves({});
  return { client, mock };
}

const registry = mockedRegistry('COMPLETE');
const lines: string[] = [];
let registered: RegisteredType[];

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  // Builds the package with `cfn submit --dry-run` (a few seconds).
  registered = await registerTypes(
    { bucket: BUCKET, types: [FOLDER], dryRun: false },
    { stacks: cfn, registry: registry.client, s3 },
    { ...settings, log: (l) => lines.push(l) },
  );
}, 120_000);

describe('against moto: the execution role stack and the package upload', () => {
  test('uploads the package cfn submit --dry-run builds to s3://<bucket>/orch-types/<folder>/<sha256>.zip', async () => {
    const match = new RegExp(`^s3://${BUCKET}/(orch-types/${FOLDER}/([0-9a-f]{64})\\.zip)$`).exec(registered[0].packageUrl);
    expect(match).not.toBeNull();
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: match![1] }));
    const zip = Buffer.from(await object.Body!.transformToByteArray());
    expect(createHash('sha256').update(zip).digest('hex')).toBe(match![2]);
    // The package cfn submit would upload: the schema, the settings, the inputs and the bundled handlers.
    const file = join(mkdtempSync(join(tmpdir(), 'orch-register-')), 'package.zip');
    writeFileSync(file, zip);
    const listing = execFileSync(venvBin('python'), ['-m', 'zipfile', '-l', file], { encoding: 'utf8' });
    for (const entry of ['schema.json', '.rpdk-config', 'inputs/', 'ResourceProvider.zip', '.cfn_metadata.json']) expect(listing).toContain(entry);
    rmSync(dirname(file), { recursive: true });
  });

  test('deploys the role stack orch-type-role-<folder> and registers with its ExecutionRoleArn output', async () => {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const arn = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'ExecutionRoleArn')?.OutputValue;
    expect(arn).toMatch(/^arn:aws:iam::123456789012:role\/.+/);
    expect(registered[0].executionRoleArn).toBe(arn);
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
    expect(StackResources?.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus])).toEqual([
      ['ExecutionRole', 'AWS::IAM::Role', 'CREATE_COMPLETE'],
    ]);
  });

  test('the role is assumed by resources.cloudformation.amazonaws.com and allows exactly the union of the handler permissions, scoped', async () => {
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: STACK }));
    expect(TemplateBody).toBe(roleTemplate(type));
    const template = JSON.parse(execFileSync(venvBin('cfn-flip'), ['-j'], { input: TemplateBody, encoding: 'utf8' }));
    const role = template.Resources.ExecutionRole.Properties;
    expect(role.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal.Service)).toEqual(['resources.cloudformation.amazonaws.com']);
    const statements = role.Policies.flatMap((p: any) => p.PolicyDocument.Statement).map((s: any) => s['Fn::If']?.[1] ?? s);
    const allowed = statements.flatMap((s: any) => {
      expect(s).toMatchObject({ Effect: 'Allow' });
      expect([s.Resource].flat()).not.toContain('*');
      return [s.Action].flat();
    });
    const union = new Set(Object.values(type.schema.handlers as Record<string, { permissions: string[] }>).flatMap((h) => h.permissions));
    expect([...allowed].sort()).toEqual([...union].sort());
    // Registered without a scopes file: every scope parameter is passed, empty.
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    expect(stackParameters(Stacks?.[0])).toEqual({ StateMachineArns: [] });
    expect(lines).toContain(`${TYPE_NAME}: scope no scopes given: the execution role reaches the task records only`);
  });

  test('deploys orch-type-logging-<folder>: a log group for the type and a role CloudFormation assumes to write there', async () => {
    const stackName = loggingStackName(type);
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs).toEqual({ LogRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/.+/), LogGroupName: '/cloudformation/registry/Orch-StepFunctions-Task' });
    expect(registered[0].loggingConfig).toEqual({ LogRoleArn: outputs.LogRoleArn, LogGroupName: logGroupName(TYPE_NAME) });
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
    expect(StackResources?.map((r) => [r.LogicalResourceId, r.ResourceType, r.PhysicalResourceId, r.ResourceStatus]).sort()).toEqual([
      ['LogGroup', 'AWS::Logs::LogGroup', logGroupName(TYPE_NAME), 'CREATE_COMPLETE'],
      ['LogRole', 'AWS::IAM::Role', expect.any(String), 'CREATE_COMPLETE'],
    ]);
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: stackName }));
    const role = JSON.parse(TemplateBody!).Resources.LogRole.Properties;
    expect(role.AssumeRolePolicyDocument.Statement.map((st: any) => st.Principal.Service)).toEqual(['resources.cloudformation.amazonaws.com']);
    expect(role.Policies[0].PolicyDocument.Statement.flatMap((st: any) => st.Action).sort()).toEqual(
      ['cloudwatch:ListMetrics', 'cloudwatch:PutMetricData', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'].sort(),
    );
  });

  test('deploying the role again is an update that leaves the role as it is', async () => {
    const before = registered[0].executionRoleArn;
    const again = await deployExecutionRole(cfn, STACK, roleTemplate(type), { poll: FAST });
    expect(again).toBe(before);
  });
});

describe('registry APIs moto lacks (RegisterType, DescribeTypeRegistration, SetTypeDefaultVersion), mocked', () => {
  test('a registration that goes IN_PROGRESS then COMPLETE sets the default version to the returned TypeVersionArn', () => {
    expect(registry.mock.commandCalls(RegisterTypeCommand).map((c) => c.args[0].input)).toEqual([
      {
        Type: 'RESOURCE',
        TypeName: TYPE_NAME,
        SchemaHandlerPackage: registered[0].packageUrl,
        ExecutionRoleArn: registered[0].executionRoleArn,
        LoggingConfig: registered[0].loggingConfig,
      },
    ]);
    expect(registry.mock.commandCalls(DescribeTypeRegistrationCommand).map((c) => c.args[0].input)).toEqual([
      { RegistrationToken: 'token-1' },
      { RegistrationToken: 'token-1' },
    ]);
    expect(registry.mock.commandCalls(SetTypeDefaultVersionCommand).map((c) => c.args[0].input)).toEqual([{ Arn: VERSION_ARN }]);
    expect(registered).toEqual([expect.objectContaining({ typeName: TYPE_NAME, typeVersionArn: VERSION_ARN })]);
    // Only the registry calls went to the mock; the stack calls went to moto.
    expect(registry.mock.calls().length).toBe(4);
    expect(lines.join('\n')).toMatch(/default version is now .*00000001/);
  });

  test('a FAILED registration throws with its Description and sets no default version', async () => {
    const failing = mockedRegistry('FAILED');
    await expect(
      registerTypes({ bucket: BUCKET, types: [FOLDER], dryRun: false }, { stacks: cfn, registry: failing.client, s3 }, { ...settings, log: () => undefined }),
    ).rejects.toThrow(`registration of ${TYPE_NAME} failed: Handler package is invalid: ResourceProvider.zip missing`);
    expect(failing.mock.commandCalls(DescribeTypeRegistrationCommand)).toHaveLength(2);
    expect(failing.mock.commandCalls(SetTypeDefaultVersionCommand)).toHaveLength(0);
  }, 120_000);
});

describe('scopes', () => {
  test('a scopes file becomes the role stack parameters, and the git type configuration is set with SetTypeConfiguration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-register-scopes-'));
    const file = join(dir, 'orch-scopes.json');
    const machines = ['arn:aws:states:us-east-1:123456789012:stateMachine:train-*', 'arn:aws:states:us-east-1:123456789012:stateMachine:eval'];
    const urls = ['https://github.com/my-org/*'];
    writeFileSync(file, JSON.stringify({ 'Orch::StepFunctions::Task': { StateMachineArns: machines }, 'Orch::Git::CommitFromS3': { AllowedRepositoryUrls: urls } }));
    const scoped = mockedRegistry('COMPLETE');
    scoped.mock.on(SetTypeConfigurationCommand).resolves({ ConfigurationArn: 'arn:config' });
    const out: string[] = [];
    try {
      await registerTypes(
        { bucket: BUCKET, types: [FOLDER, 'git-commit-from-s3'], dryRun: false, scopesFile: file },
        { stacks: cfn, registry: scoped.client, s3 },
        { ...settings, log: (l) => out.push(l) },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    expect(Stacks?.[0]?.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stackParameters(Stacks?.[0])).toEqual({ StateMachineArns: machines });
    const git = (await cfn.send(new DescribeStacksCommand({ StackName: 'orch-type-role-git-commit-from-s3' }))).Stacks?.[0];
    expect(stackParameters(git)).toEqual({ S3ObjectArns: [], S3BucketArns: [], SecretArns: [], CodeCommitRepositoryArns: [] });
    expect(scoped.mock.commandCalls(SetTypeConfigurationCommand).map((c) => c.args[0].input)).toEqual([
      { TypeArn: VERSION_ARN.replace(/\/\d+$/, ''), Configuration: JSON.stringify({ AllowedRepositoryUrls: urls }), ConfigurationAlias: 'default' },
    ]);
    expect(out).toContain(`${TYPE_NAME}: scope StateMachineArns: ${machines.join(', ')}`);
    expect(out).toContain('Orch::Git::CommitFromS3: type configuration set');
  }, 180_000);

  test('a bad scopes file fails before anything is built or deployed, naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-register-scopes-'));
    const file = join(dir, 'orch-scopes.json');
    writeFileSync(file, JSON.stringify({ 'Orch::StepFunctions::Task': { StateMachineArns: ['*'] } }));
    const out: string[] = [];
    try {
      await expect(registerTypes({ bucket: BUCKET, types: [FOLDER], dryRun: true, scopesFile: file }, undefined, { log: (l) => out.push(l) })).rejects.toThrow(
        `${file}: Orch::StepFunctions::Task.StateMachineArns[0]: "*" is not of the form arn:<partition>:states:<region>:<account>:stateMachine:<name pattern> (no version or alias)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out).toEqual([]);
  });
});

describe('command line', () => {
  test('--dry-run builds the package and prints the plan without AWS clients', async () => {
    const out: string[] = [];
    const result = await registerTypes({ bucket: BUCKET, types: [], dryRun: true }, undefined, { log: (l) => out.push(l) });
    expect(result).toEqual([]);
    expect(out.join('\n')).toMatch(new RegExp(`would deploy role stack ${STACK} and logging stack orch-type-logging-${FOLDER}, upload s3://${BUCKET}/orch-types/${FOLDER}/[0-9a-f]{64}\\.zip`));
    // Without scopes, what each role would allow: its task records, nothing else.
    expect(out.filter((l) => l.startsWith(`${TYPE_NAME}: role would allow`))).toEqual([
      `${TYPE_NAME}: role would allow ssm:DeleteParameters, ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, ssm:PutParameter on ` +
        `arn:aws:ssm:${process.env.AWS_REGION}:<account>:parameter/Orch/Task/StepFunctions/Task, arn:aws:ssm:${process.env.AWS_REGION}:<account>:parameter/Orch/Task/StepFunctions/Task/*`,
    ]);
  }, 120_000);

  test('arguments', () => {
    expect(parseRegisterArgs(['--bucket', 'b', '--region', 'eu-west-1', '--types', 'stepfunctions-task, other', '--dry-run'])).toEqual({
      bucket: 'b',
      region: 'eu-west-1',
      types: ['stepfunctions-task', 'other'],
      dryRun: true,
    });
    expect(parseRegisterArgs(['--bucket', 'b'])).toEqual({ bucket: 'b', region: undefined, types: [], dryRun: false });
    expect(parseRegisterArgs(['--bucket', 'b', '--scopes', 'orch-scopes.json'])).toMatchObject({ scopesFile: 'orch-scopes.json' });
    expect(() => parseRegisterArgs([])).toThrow(/--bucket is required/);
    expect(() => parseRegisterArgs(['--bucket', 'b', '--typo'])).toThrow();
    expect(selectTypes([FOLDER]).map((t) => t.dir)).toEqual([type.dir]);
    expect(() => selectTypes(['nope'])).toThrow(/unknown type folder\(s\) nope; known: (.*, )?stepfunctions-task/);
  });
});

describe('the Lambda runtime (tools/lambda-runtimes.ts)', () => {
  const DEPRECATED_24 = new Date('2028-04-30T00:00:00Z');

  test('a runtime past its deprecation date is refused with its date and the supported runtimes', () => {
    expect(() => assertRuntimeSupported('nodejs20.x', new Date('2026-12-01T00:00:00Z'))).toThrow(
      /^runtime nodejs20\.x was deprecated by Lambda on 2026-04-30, .*; supported runtimes: nodejs22\.x \(until 2027-04-30\), nodejs24\.x \(until 2028-04-30\)\./,
    );
    // The deprecation date itself is the first refused day.
    expect(assertRuntimeSupported('nodejs24.x', new Date(DEPRECATED_24.getTime() - 1)).name).toBe('nodejs24.x');
    expect(() => assertRuntimeSupported('nodejs24.x', DEPRECATED_24)).toThrow(/nodejs24\.x was deprecated by Lambda on 2028-04-30.*supported runtimes: none in tools\/lambda-runtimes\.ts/);
    expect(() => assertRuntimeSupported('nodejs25.x', new Date())).toThrow(/nodejs25\.x is not a Lambda Node\.js runtime known to tools\/lambda-runtimes\.ts \(nodejs16\.x, .*nodejs24\.x\)/);
    expect(supportedRuntimes(new Date('2027-05-01T00:00:00Z')).map((r) => r.name)).toEqual(['nodejs24.x']);
  });

  test('every type ships the shared runtime, nodejs24.x, and the bundle targets its Node major', () => {
    expect(configuredRuntime()).toBe('nodejs24.x');
    for (const t of typeFolders()) {
      expect(configuredRuntime(t.dir)).toBe(configuredRuntime());
      expect(bundleOptions(t.dir, '/unused').target).toBe('node24');
    }
    // The tests run on the Node the types ship: tools/with-node.sh installs .node-version.
    const nodeVersion = readFileSync(join(__dirname, '..', '..', '.node-version'), 'utf8').trim();
    expect(nodeVersion).toMatch(new RegExp(`^${lambdaRuntime(configuredRuntime()).nodeMajor}\\.\\d+\\.\\d+$`));
    expect(LAMBDA_NODE_RUNTIMES.map((r) => esbuildTarget(r.name))).toEqual(['node16', 'node18', 'node20', 'node22', 'node24']);
  });

  test('register refuses a type on a deprecated runtime before it builds, deploys or uploads anything', async () => {
    const clients = { stacks: new CloudFormationClient({}), registry: new CloudFormationClient({}), s3: new S3Client({}) };
    const mocks = [mockClient(clients.stacks), mockClient(clients.registry), mockClient(clients.s3)];
    const out: string[] = [];
    await expect(
      registerTypes({ bucket: BUCKET, types: [FOLDER], dryRun: false }, clients, { ...settings, log: (l) => out.push(l), now: () => DEPRECATED_24 }),
    ).rejects.toThrow(`${TYPE_NAME}: runtime nodejs24.x was deprecated by Lambda on 2028-04-30`);
    expect(out).toEqual([]); // not even the package build started
    for (const mock of mocks) expect(mock.calls()).toHaveLength(0);
  });

  test("the check reads each type folder's own .rpdk-config: a folder still on nodejs20.x is refused today", () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-old-runtime-'));
    try {
      const config = JSON.parse(readFileSync(join(type.dir, '.rpdk-config'), 'utf8'));
      writeFileSync(join(dir, '.rpdk-config'), JSON.stringify({ ...config, runtime: 'nodejs20.x' }));
      const old = { dir, schemaFile: type.schemaFile, schema: { typeName: 'Orch::Old::Task' } };
      expect(() => checkRuntimes([type, old], new Date('2026-12-01T00:00:00Z'))).toThrow(
        /^Orch::Old::Task: runtime nodejs20\.x was deprecated by Lambda on 2026-04-30, .*supported runtimes: nodejs22\.x \(until 2027-04-30\), nodejs24\.x \(until 2028-04-30\)/,
      );
      expect(checkRuntimes([type], new Date('2026-12-01T00:00:00Z'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('within 180 days of the deprecation date register warns, naming the date and the days left', () => {
    const warning = (days: number) => `${TYPE_NAME}: warning: Lambda deprecates nodejs24.x on 2028-04-30, in ${days} day(s); after that the type can no longer be registered`;
    expect(checkRuntimes([type], new Date('2027-11-01T00:00:00Z'))).toEqual([]);
    expect(checkRuntimes([type], new Date('2027-11-02T00:00:00Z'))).toEqual([warning(180)]);
    expect(checkRuntimes([type], new Date('2028-04-29T12:00:00Z'))).toEqual([warning(1)]);
  });
});

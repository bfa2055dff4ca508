/**
 * The first half of the proof that the rendered execution roles are right (the second, resource scoping, is the
 * policy simulator's: role-scopes.test.ts). A moto server of this test's own enforces IAM from its fourth request
 * on. Each type's rendered role policy is put on a role in moto's IAM, the role is assumed, and its credentials are
 * the handler's callerCredentials, as CloudFormation passes the execution role's: every create, read, update, list
 * and delete must then succeed, and a policy without one of the actions must fail with AccessDenied.
 *
 * moto checks actions, not resources: it compares every statement's Resource with "*" (so a statement scoped to
 * one state machine is refused StartExecution on all of them). The policies go to moto with Resource "*", and only
 * the statements and actions the rendered policy holds for the test's scopes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CfnDriver, Entrypoint, OperationResult } from '../../local/protocol';
import { startGitServer, GitServer } from '../../local/git-server';
import { LOCAL_AWS, LocalAws, startLocalAws } from '../../local/local-aws';
import { initBareRepo } from '../../local/process';
import { SCOPE_ADVICE } from '../../runtime/error-map';
import { PolicyDocument, renderRolePolicy, roleTemplateOf } from '../../tools/register/render-policy';
import { parseScopes, roleParameters } from '../../tools/register/scopes';
import { typeFolders } from '../../tools/type-folders';
import { passDefinition } from '../../local/state-machines';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const SETUP_REQUESTS = 3; // CreateUser, PutUserPolicy, CreateAccessKey: after them, nothing is unchecked
const ACCOUNT = { region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId };
const types = typeFolders();
const typeNamed = (name: string) => types.find((t) => t.schema.typeName === name)!;

let aws: LocalAws;
let admin: Credentials;
const saved: Record<string, string | undefined> = {};
const client = <T>(C: new (config: object) => T, credentials: Credentials = admin): T => new C({ region: ACCOUNT.region, endpoint: aws.endpoint, credentials });

beforeAll(async () => {
  aws = await startLocalAws({ iamEnforcedAfter: SETUP_REQUESTS });
  const res = await fetch(`${aws.endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // Lambda without Docker: Invoke answers with the payload it was given.
    body: JSON.stringify({ lambda: { use_docker: false } }),
  });
  expect(res.ok).toBe(true);
  const iam = client(IAMClient, LOCAL_AWS.credentials);
  await iam.send(new CreateUserCommand({ UserName: 'admin' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'admin', PolicyName: 'all', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
  admin = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  // The handlers reach this test's moto through the standard endpoint variable, as they reach any AWS.
  for (const key of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA']) saved[key] = process.env[key];
  process.env.AWS_ENDPOINT_URL = aws.endpoint;
  delete process.env.AWS_ENDPOINT_URL_LAMBDA;
}, 120_000);

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await aws?.stop();
});

/**
 * moto names the action it checks after the API operation, where IAM's name differs: Lambda authorises Invoke as
 * lambda:InvokeFunction, which moto checks as lambda:Invoke.
 */
const MOTO_ACTION_NAMES: Record<string, string> = { 'lambda:InvokeFunction': 'lambda:Invoke' };

/** The rendered policy as moto can check it: its statements and actions, on "*" (see the file's comment). */
const forMoto = (policy: PolicyDocument, without: string[] = []): PolicyDocument => ({
  Version: policy.Version,
  Statement: policy.Statement.map((s) => {
    const actions = s.Action.filter((a) => !without.includes(a));
    return { ...s, Resource: ['*'], Action: [...actions, ...actions.flatMap((a) => (MOTO_ACTION_NAMES[a] ? [MOTO_ACTION_NAMES[a]] : []))] };
  }).filter((s) => s.Action.length),
});

/** A role in moto holding `policy`, assumed: the credentials CloudFormation would hand the handler. */
async function assumedRole(policy: PolicyDocument): Promise<Credentials> {
  const iam = client(IAMClient);
  const name = `orch-type-role-${randomUUID().slice(0, 8)}`;
  // Only the trust policy differs from the template's: moto checks it, and the test's admin assumes the role.
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT.accountId}:user/admin` }, Action: 'sts:AssumeRole' }] };
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'ResourceTypePolicy', PolicyDocument: JSON.stringify(policy) }));
  const { Credentials: c } = await client(STSClient).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'cfn-handler' }));
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

interface Fixture {
  readonly entrypoint: Entrypoint;
  readonly primaryIdentifier: readonly string[];
  /** The scopes file entry naming this test's resources. */
  readonly scopes: Record<string, unknown>;
  readonly create: Record<string, unknown>;
  readonly update: Record<string, unknown>;
  readonly typeConfiguration?: Record<string, unknown>;
  /** Actions whose absence the create must notice, and the resource each denial names. */
  readonly essential: Array<{ action: string; names: RegExp }>;
}

let git: { server: GitServer; root: string } | undefined;
afterAll(async () => {
  await git?.server.close();
  if (git) rmSync(git.root, { recursive: true, force: true });
});

const FIXTURES: Record<string, () => Promise<Fixture>> = {
  'Orch::StepFunctions::Task': async () => {
    const { stateMachineArn } = await client(SFNClient).send(
      new CreateStateMachineCommand({ name: 'train-model', definition: JSON.stringify(passDefinition({ model: 'm-1' })), roleArn: `arn:aws:iam::${ACCOUNT.accountId}:role/sfn` }),
    );
    const handlers = await import('../../resource-types/stepfunctions-task/src/handlers');
    const models = await import('../../resource-types/stepfunctions-task/src/models');
    return {
      entrypoint: handlers.entrypoint,
      primaryIdentifier: models.PRIMARY_IDENTIFIER,
      scopes: { StateMachineArns: [stateMachineArn!] },
      create: { StateMachineArn: stateMachineArn, Input: { stage: 'create' } },
      update: { StateMachineArn: stateMachineArn, Input: { stage: 'update' }, RunToken: '2' },
      essential: [{ action: 'states:StartExecution', names: /^StateMachineArn: state machine '.*train-model' access denied/ }],
    };
  },
  'Orch::Lambda::Task': async () => {
    const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const lambdaTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const { Role } = await client(IAMClient).send(new CreateRoleCommand({ RoleName: 'etl-load-role', AssumeRolePolicyDocument: JSON.stringify(lambdaTrust) }));
    const { FunctionArn } = await client(LambdaClient).send(
      new CreateFunctionCommand({ FunctionName: 'etl-load', Runtime: 'nodejs22.x', Role: Role!.Arn, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }),
    );
    const handlers = await import('../../resource-types/lambda-task/src/handlers');
    const models = await import('../../resource-types/lambda-task/src/models');
    return {
      entrypoint: handlers.entrypoint,
      primaryIdentifier: models.PRIMARY_IDENTIFIER,
      scopes: { FunctionArns: [FunctionArn!] },
      create: { FunctionName: 'etl-load', Payload: { stage: 'create' } },
      update: { FunctionName: 'etl-load', Payload: { stage: 'update' }, RunToken: '2' },
      essential: [
        { action: 'lambda:GetFunctionConfiguration', names: /^FunctionName: function 'etl-load' access denied/ },
        { action: 'lambda:InvokeFunction', names: /^FunctionName: function 'etl-load' access denied/ },
      ],
    };
  },
  'Orch::S3::FileReader': async () => {
    const bucket = await bucketHolding('app/settings.json', JSON.stringify({ model: { uri: 's3://models/1' } }));
    const handlers = await import('../../resource-types/s3-file-reader/src/handlers');
    const models = await import('../../resource-types/s3-file-reader/src/models');
    return {
      entrypoint: handlers.entrypoint,
      primaryIdentifier: models.PRIMARY_IDENTIFIER,
      scopes: { S3: [{ Bucket: bucket, Prefix: 'app/' }] },
      create: { Bucket: bucket, Key: 'app/settings.json' },
      update: { Bucket: bucket, Key: 'app/settings.json', RunToken: '2' },
      essential: [{ action: 's3:GetObject', names: /^Bucket: access denied reading object 'app\/(settings\.json|model\.tar\.gz)' in bucket 'orch-iam-/ }],
    };
  },
  'Orch::S3::MetadataReader': async () => {
    const bucket = await bucketHolding('app/model.tar.gz', 'model', { stage: 'prod' });
    const handlers = await import('../../resource-types/s3-metadata-reader/src/handlers');
    const models = await import('../../resource-types/s3-metadata-reader/src/models');
    return {
      entrypoint: handlers.entrypoint,
      primaryIdentifier: models.PRIMARY_IDENTIFIER,
      scopes: { S3: [{ Bucket: bucket, Prefix: 'app/' }] },
      create: { Bucket: bucket, Key: 'app/model.tar.gz' },
      update: { Bucket: bucket, Key: 'app/model.tar.gz', RunToken: '2' },
      essential: [{ action: 's3:GetObject', names: /^Bucket: access denied reading object 'app\/(settings\.json|model\.tar\.gz)' in bucket 'orch-iam-/ }],
    };
  },
  'Orch::Git::CommitFromS3': async () => {
    const bucket = await bucketHolding('release/app.yaml', 'replicas: 2\n');
    const root = mkdtempSync(join(tmpdir(), 'orch-moto-iam-git-'));
    const password = randomUUID();
    git = { root, server: await startGitServer({ root, username: 'publisher', password }) };
    await initBareRepo(root, 'config');
    const { ARN } = await client(SecretsManagerClient).send(new CreateSecretCommand({ Name: 'git/publisher', SecretString: JSON.stringify({ username: 'publisher', password }) }));
    const handlers = await import('../../resource-types/git-commit-from-s3/src/handlers');
    const models = await import('../../resource-types/git-commit-from-s3/src/models');
    const props = {
      Bucket: bucket,
      Prefix: 'release/',
      RepositoryUrl: `${git.server.url}/config.git`,
      AllowInsecureHttp: true,
      CommitMessage: 'Publish',
      Credentials: { Provider: 'SecretsManager', SecretArn: ARN },
    };
    return {
      entrypoint: handlers.entrypoint,
      primaryIdentifier: models.PRIMARY_IDENTIFIER,
      scopes: { S3: [{ Bucket: bucket, Prefix: 'release/' }], SecretArns: [ARN!], CodeCommitRepositoryArns: [`arn:aws:codecommit:${ACCOUNT.region}:${ACCOUNT.accountId}:config`] },
      typeConfiguration: { AllowedRepositoryUrls: [`${git.server.url}/*`] },
      create: props,
      update: { ...props, TargetDirectory: 'deploy', RunToken: '2' },
      essential: [
        { action: 'secretsmanager:GetSecretValue', names: /^Credentials\.SecretArn: secret '.*git\/publisher.*' access denied/ },
        { action: 's3:ListBucket', names: /^Bucket: bucket 'orch-iam-[0-9a-f]{8}' access denied/ },
        { action: 's3:GetObject', names: /^Prefix: object 'release\/app\.yaml' in bucket 'orch-iam-[0-9a-f]{8}' access denied/ },
      ],
    };
  },
};

async function bucketHolding(key: string, body: string, metadata?: Record<string, string>): Promise<string> {
  const s3 = client(S3Client);
  const bucket = `orch-iam-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', Metadata: metadata }));
  return bucket;
}

const succeeded = (what: string, r: OperationResult) => ({ what, status: r.status, errorCode: r.errorCode, message: r.message || undefined, violations: r.violations });
const ok = (what: string) => ({ what, status: 'SUCCESS', errorCode: undefined, message: undefined, violations: [] });

test('the set-up requests are the only unchecked ones: an unknown caller is refused from then on', async () => {
  await expect(client(S3Client, LOCAL_AWS.credentials).send(new CreateBucketCommand({ Bucket: `orch-iam-${randomUUID().slice(0, 8)}` }))).rejects.toMatchObject({
    name: expect.stringMatching(/InvalidAccessKeyId|AccessDenied|InvalidClientTokenId/),
  });
});

describe.each(Object.keys(FIXTURES))('%s with its rendered execution role, assumed', (typeName) => {
  let fixture: Fixture;
  let policy: PolicyDocument;
  const driver = (credentials: Credentials) =>
    new CfnDriver({
      entrypoint: fixture.entrypoint,
      typeName,
      primaryIdentifier: fixture.primaryIdentifier,
      callerCredentials: credentials,
      typeConfiguration: fixture.typeConfiguration,
      delayScale: 0.05,
    });

  beforeAll(async () => {
    fixture = await FIXTURES[typeName]();
    const type = typeNamed(typeName);
    const scopes = parseScopes({ [typeName]: fixture.scopes }, 'test scopes', types, 'aws');
    policy = renderRolePolicy(roleTemplateOf(type), roleParameters(type, scopes), ACCOUNT);
  }, 60_000);

  test('create, read, update, list and delete all succeed: the role lacks no action the handlers call', async () => {
    const d = driver(await assumedRole(forMoto(policy)));
    const created = await d.create('Scoped', fixture.create);
    const read = await d.read('Scoped', created.model ?? {});
    const updated = await d.update('Scoped', created.model ?? {}, fixture.create, fixture.update);
    const listed = await d.list();
    const deleted = await d.delete('Scoped', updated.model ?? created.model ?? {});
    expect([succeeded('create', created), succeeded('read', read), succeeded('update', updated), succeeded('list', listed), succeeded('delete', deleted)]).toEqual(
      ['create', 'read', 'update', 'list', 'delete'].map(ok),
    );
    expect(listed.models?.map((m) => m.Id)).toContain(created.model!.Id);
    expect((await d.read('Scoped', created.model!)).errorCode).toBe('NotFound');
  }, 120_000);

  test('without an essential data-plane action, create fails AccessDenied naming the resource and the scopes', async () => {
    for (const { action, names } of fixture.essential) {
      const d = driver(await assumedRole(forMoto(policy, [action])));
      const result = await d.create('Unscoped', fixture.create);
      expect({ action, violations: result.violations, status: result.status, errorCode: result.errorCode }).toEqual({ action, violations: [], status: 'FAILED', errorCode: 'AccessDenied' });
      expect(result.message).toMatch(names);
      expect(result.message).toContain(SCOPE_ADVICE);
    }
  }, 60_000);

  test('the role rendered with the default parameters (no scopes) cannot do the work either', async () => {
    const defaults = renderRolePolicy(roleTemplateOf(typeNamed(typeName)), {}, ACCOUNT);
    const result = await driver(await assumedRole(forMoto(defaults))).create('Defaults', fixture.create);
    expect({ status: result.status, errorCode: result.errorCode }).toEqual({ status: 'FAILED', errorCode: 'AccessDenied' });
  }, 60_000);

  test('without ssm:PutParameter, create fails AccessDenied naming the task record', async () => {
    const result = await driver(await assumedRole(forMoto(policy, ['ssm:PutParameter']))).create('NoRecord', fixture.create);
    expect({ status: result.status, errorCode: result.errorCode }).toEqual({ status: 'FAILED', errorCode: 'AccessDenied' });
    expect(result.message).toMatch(/task record '\/Orch\/Task\/.*' access denied/);
  }, 60_000);
});

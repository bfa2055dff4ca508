import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError, StartedResource } from '../../../../local/engine/deploy/provisioner';
import { createProvisioners, Provisioners, TYPE_CONFIGURATION_FILE } from '../../../../local/engine/provision';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { nativeEnvironment, TRUST_LAMBDA } from '../../../support/native-environment';
import { createRequest, ROLE, tempStateDir } from './support';

const clients = nativeEnvironment().clients;
const none = () => undefined;
const opened: Array<{ prov: Provisioners; stateDir: string }> = [];

async function provisioners(options: { catalog?: TypeCatalog; typeConfiguration?: object; invoker?: 'process' } = {}): Promise<Provisioners> {
  const stateDir = tempStateDir();
  if (options.typeConfiguration) writeFileSync(join(stateDir, TYPE_CONFIGURATION_FILE), JSON.stringify(options.typeConfiguration));
  const catalog = options.catalog ?? TypeCatalog.load();
  const prov = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId, invoker: options.invoker });
  opened.push({ prov, stateDir });
  return prov;
}
afterAll(async () => {
  for (const { prov, stateDir } of opened) {
    await prov.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

describe('native and inert types', () => {
  test('an S3 bucket is created and deleted through the native provider; a failure names the property and the service error', async () => {
    const prov = await provisioners();
    const bucket = prov.provisioners('AWS::S3::Bucket')!;
    const request = createRequest('Data', 'AWS::S3::Bucket', {});
    const created = await bucket.create(request, none);
    expect(created.physicalId).toMatch(new RegExp(`^${request.stackName}-data-[a-z0-9]+$`));
    expect(created.attributes.Arn).toBe(`arn:aws:s3:::${created.physicalId}`);
    await clients.s3.send(new HeadBucketCommand({ Bucket: created.physicalId }));

    const failure = await bucket.create(createRequest('Copy', 'AWS::S3::Bucket', { BucketName: created.physicalId }), none).catch((err) => err);
    expect(failure).toBeInstanceOf(ProvisionError);
    expect(failure.message).toBe(`Copy: BucketName: CreateBucket: BucketAlreadyExists: a bucket named ${created.physicalId} already exists`);

    await bucket.delete({ ...request, deployed: created }, none);
    await expect(clients.s3.send(new HeadBucketCommand({ Bucket: created.physicalId }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test("an inline Lambda function's code and function.json land in <stateDir>/functions for the services daemon, and leave with the function", async () => {
    const prov = await provisioners();
    const stateDir = opened.at(-1)!.stateDir;
    const role = await prov.provisioners('AWS::IAM::Role')!.create(createRequest('Role', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST_LAMBDA }), none);
    const fn = prov.provisioners('AWS::Lambda::Function')!;
    const code = 'exports.main = async (event) => ({ doubled: event.x * 2 });';
    const request = createRequest('Writer', 'AWS::Lambda::Function', {
      Role: role.attributes.Arn,
      Runtime: 'nodejs22.x',
      Handler: 'app.main',
      Timeout: 20,
      Environment: { Variables: { BUCKET: 'datasets' } },
      Code: { ZipFile: code },
    });
    const created = await fn.create(request, none);
    const folder = join(stateDir, 'functions', created.physicalId);
    expect(JSON.parse(readFileSync(join(folder, 'function.json'), 'utf8'))).toEqual({ module: 'app', exportName: 'main', timeoutSeconds: 20, environment: { BUCKET: 'datasets' } });
    expect(readFileSync(join(folder, 'app.js'), 'utf8')).toBe(code);
    await fn.delete({ ...request, deployed: created }, none);
    expect(existsSync(folder)).toBe(false);
    await prov.provisioners('AWS::IAM::Role')!.delete({ ...createRequest('Role', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST_LAMBDA }), deployed: role }, none);
  });

  test('AWS::CDK::Metadata is recorded without a service call; a type the catalog lacks has no provisioner', async () => {
    const prov = await provisioners();
    const request = createRequest('CDKMetadata', 'AWS::CDK::Metadata', { Analytics: 'v2:deflate64:abc' });
    const created = await prov.provisioners('AWS::CDK::Metadata')!.create(request, none);
    expect(created).toEqual({ physicalId: `${request.stackName}-CDKMetadata`, attributes: {} });
    expect(prov.provisioners('AWS::EC2::Instance')).toBeUndefined();
    expect(prov.provisioners('Orch::Nope::Task')).toBeUndefined();
  });
});

describe('Orch types: type configuration and time limits', () => {
  test("the type configuration is read from <stateDir>/type-configuration.json and sent in every request (the git type's AllowedRepositoryUrls)", async () => {
    const properties = {
      Bucket: 'releases',
      RepositoryUrl: 'http://127.0.0.1:9/other/repo.git',
      AllowInsecureHttp: true,
      CommitMessage: 'release',
      Credentials: { Provider: 'SecretsManager', SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:orch/local-git-abc123' },
    };
    const create = async (prov: Provisioners) => {
      const failure = await prov.provisioners('Orch::Git::CommitFromS3')!.create(createRequest('Publish', 'Orch::Git::CommitFromS3', properties), none).catch((err) => err);
      expect(failure).toBeInstanceOf(ProvisionError);
      expect(failure.errorCode).toBe('AccessDenied');
      return failure.reason.replace(/\. The account admin.*$/, '');
    };
    const configured = await provisioners({ typeConfiguration: { 'Orch::Git::CommitFromS3': { AllowedRepositoryUrls: ['http://127.0.0.1:9/allowed/*'] } } });
    expect(await create(configured)).toBe(
      `Resource handler returned message: "RepositoryUrl: 'http://127.0.0.1:9/other/repo.git' is not allowed by the Orch::Git::CommitFromS3 type configuration's AllowedRepositoryUrls (it allows only http://127.0.0.1:9/allowed/*)`,
    );
    expect(await create(await provisioners())).toBe(
      `Resource handler returned message: "RepositoryUrl: 'http://127.0.0.1:9/other/repo.git' is not allowed by the Orch::Git::CommitFromS3 type configuration's AllowedRepositoryUrls (it allows no destination: none is set)`,
    );
  });

  test("past the schema's create timeout the create fails as CloudFormation's does; the identifier it reported lets the rollback delete it", async () => {
    const loaded = TypeCatalog.load();
    // 0.05 minutes: the first invocation's 3-second poll window already passes it.
    const catalog = new TypeCatalog(
      loaded.typeNames.map((name) => loaded.get(name)).map((spec) => (spec.typeName === 'Orch::StepFunctions::Task' ? { ...spec, timeoutInMinutes: { create: 0.05 } } : spec)),
    );
    const prov = await provisioners({ catalog });
    const machine = await prov.provisioners('AWS::StepFunctions::StateMachine')!.create(
      createRequest('Machine', 'AWS::StepFunctions::StateMachine', { RoleArn: ROLE, Definition: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 600, End: true } } } }),
      none,
    );
    const request = createRequest('Train', 'Orch::StepFunctions::Task', { StateMachineArn: machine.physicalId });
    const started: StartedResource[] = [];
    const failure = await prov.provisioners('Orch::StepFunctions::Task')!.create(request, (_, s) => s && started.push(s)).catch((err) => err);
    expect(failure).toBeInstanceOf(ProvisionError);
    expect(failure.errorCode).toBe('NotStabilized');
    expect(failure.reason).toBe('Resource handler returned message: "Resource timed out waiting for completion" (HandlerErrorCode: NotStabilized)');
    const [execution] = (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.physicalId }))).executions!;
    expect(execution.status).toBe('RUNNING');
    expect(started).toHaveLength(1);
    expect(started[0]).toEqual({ physicalId: started[0].model!.Id, model: expect.objectContaining({ StateMachineArn: machine.physicalId, ExecutionArn: execution.executionArn }) });

    await prov.provisioners('Orch::StepFunctions::Task')!.delete({ ...request, deployed: { ...started[0], attributes: {} } }, none);
    expect((await clients.sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }))).status).toBe('ABORTED');
  });

  test("invoker 'process' sends each request to the bundle in a fresh node process, as a Lambda cold start", async () => {
    const prov = await provisioners({ invoker: 'process' });
    const stateDir = opened.at(-1)!.stateDir;
    const machine = await prov.provisioners('AWS::StepFunctions::StateMachine')!.create(
      createRequest('Machine', 'AWS::StepFunctions::StateMachine', { RoleArn: ROLE, Definition: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } } }),
      none,
    );
    const created = await prov.provisioners('Orch::StepFunctions::Task')!.create(createRequest('Train', 'Orch::StepFunctions::Task', { StateMachineArn: machine.physicalId, Input: { a: 'b' } }), none);
    expect(created.attributes).toMatchObject({ Status: 'SUCCEEDED', Output: { a: 'b' } });
    // Built into the state directory, and never loaded here: a bundle loaded in this process writes its log under logs/.
    expect(readdirSync(join(stateDir, 'bundles'))).toEqual([expect.stringMatching(/^stepfunctions-task-[0-9a-f]{16}$/)]);
    expect(existsSync(join(stateDir, 'logs'))).toBe(false);
  });
});

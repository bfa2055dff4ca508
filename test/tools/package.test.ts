/**
 * The submission package works on its own: `cfn submit --dry-run` builds it, and its unpacked ResourceProvider.zip,
 * outside the repository (so no node_modules to fall back on), answers a real CREATE in a fresh `node` process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { coldInvoke } from '../../local/cold-invoke';
import { submitDryRun, unpackPackage, zipEntries } from '../../tools/submission-package';
import { CfnDriver, HandlerRequest, ProgressEventJson } from '../../local/protocol';
import { TypeFolder, typeFolders } from '../../tools/type-folders';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';
import { bucket, putObject } from '../support/s3-objects';
import { passDefinition, stateMachine } from '../../local/state-machines';
import { randomUUID } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GitServer, startGitServer } from '../../local/git-server';
import { LOCAL_AWS } from '../../local/local-aws';
import { commitsOf } from '../support/git-repos';
import { initBareRepo } from '../../local/process';
import { REPO_ROOT } from '../../local/python-env';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

interface CreateFixture {
  /** Properties of a CREATE that succeeds against moto; may create what they refer to. */
  properties(): Promise<Record<string, unknown>>;
  /** The type configuration the admin would set, when the type has one. */
  typeConfiguration?(): Record<string, unknown>;
  /** Checks the model of the SUCCESS event. */
  check(model: Record<string, unknown>): void;
  /** Checks what the CREATE left behind, outside the model. */
  after?(model: Record<string, unknown>): Promise<void>;
  /** What the Lambda runtime gives the handler beyond the package (the SDK clients it ships, on NODE_PATH). */
  env?(): Record<string, string>;
}

const GIT_TOKEN = randomUUID();
let gitRoot: string;
let gitServer: GitServer;
let packagedRepo: string;

/** Per type folder: the contract inputs hold {{Export}} placeholders, so each type names a CREATE here. */
const CREATES: Record<string, CreateFixture> = {
  'aws-call': {
    properties: async () => {
      const Name = `/orch-package/${randomUUID()}`;
      await new SSMClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials }).send(new PutParameterCommand({ Name, Value: '{"model":"packaged"}', Type: 'String' }));
      return { OnCreate: { Service: 'ssm', Action: 'GetParameter', Parameters: { Name }, ParseJson: ['Parameter.Value'], Expose: { Model: 'Parameter.Value.model' } } };
    },
    typeConfiguration: () => ({ AllowedActions: ['ssm:GetParameter'] }),
    check: (model) => expect(model.Outputs).toEqual({ Model: 'packaged' }),
    // The package bundles no client: the Lambda Node.js runtime ships them on NODE_PATH (/var/runtime/node_modules).
    env: () => ({ NODE_PATH: join(REPO_ROOT, 'node_modules') }),
  },
  'stepfunctions-task': {
    properties: async () => ({
      StateMachineArn: await stateMachine(passDefinition({ model: { uri: 's3://models/packaged' } })),
      Input: { stage: 'package' },
      OutputPaths: ['model', 'input.stage'],
    }),
    check: (model) => {
      expect(model.Status).toBe('SUCCEEDED');
      // Output as dot paths, whether the attribute is flat ({ 'model.uri': ... }) or nested ({ model: { uri: ... } }).
      expect(model.Output).toEqual(expect.any(Object));
      expect(leaves(model.Output)).toEqual({ 'model.uri': 's3://models/packaged', 'input.stage': 'package' });
    },
  },
  's3-file-reader': {
    properties: async () => {
      const Bucket = await bucket();
      await putObject(Bucket, 'packaged/model.json', { model: { uri: 's3://models/packaged' }, noise: 'x' });
      return { Bucket, Key: 'packaged/model.json', OutputPaths: ['model'] };
    },
    check: (model) => {
      expect(model.Source).toBe('Object');
      expect(leaves(model.Output)).toEqual({ 'model.uri': 's3://models/packaged' });
    },
  },
  's3-metadata-reader': {
    properties: async () => {
      const Bucket = await bucket();
      await putObject(Bucket, 'packaged/model.bin', 'x', { Metadata: { stage: 'package' } });
      return { Bucket, Key: 'packaged/model.bin' };
    },
    check: (model) => {
      expect(model.Source).toBe('Object');
      expect(model.Metadata).toEqual({ stage: 'package' });
    },
  },
  'git-commit-from-s3': {
    // The repository is served by the loopback git server this test starts.
    properties: async () => {
      const Bucket = await bucket();
      await putObject(Bucket, 'packaged/app.yaml', 'replicas: 1\n', { ContentType: 'text/yaml' });
      const name = `packaged-${randomUUID().slice(0, 8)}`;
      packagedRepo = await initBareRepo(gitRoot, name);
      const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
      const { ARN } = await secrets.send(new CreateSecretCommand({ Name: `orch/package/${name}`, SecretString: JSON.stringify({ token: GIT_TOKEN }) }));
      return {
        Bucket,
        Prefix: 'packaged',
        RepositoryUrl: `${gitServer.url}/${name}.git`,
        AllowInsecureHttp: true,
        CommitMessage: 'Packaged handler publication',
        Credentials: { Provider: 'SecretsManager', SecretArn: ARN },
      };
    },
    typeConfiguration: () => ({ AllowedRepositoryUrls: [`${gitServer.url}/*`] }),
    check: (model) => {
      expect(model).toMatchObject({ FilesAdded: 1, CommitSha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    },
    after: async (model) => expect((await commitsOf(packagedRepo, 'main')).map((c) => c.sha)).toEqual([model.CommitSha]),
  },
  'lambda-task': {
    // The function is served by the local Lambda endpoint this test starts (AWS_ENDPOINT_URL_LAMBDA).
    properties: async () => ({ FunctionName: 'nested', Payload: { stage: 'package' }, OutputPaths: ['model.uri', 'input.stage'] }),
    check: (model) => {
      expect(model.FunctionArn).toMatch(/:function:nested$/);
      expect(leaves(model.Output)).toEqual({ 'model.uri': 's3://models/resnet', 'input.stage': 'package' });
      expect(JSON.parse(model.Result as string)).toMatchObject({ input: { stage: 'package' } });
    },
  },
};

/** The leaves of a JSON value by dot path. */
function leaves(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object') return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)));
}

const CHILD_ENV = { ORCH_POLL_WINDOW_SECONDS: '3' };
const types = typeFolders();
let work: string;

let functions: ServedFunctions;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'orch-package-test-'));
  functions = await serveTestFunctions();
  gitRoot = mkdtempSync(join(tmpdir(), 'orch-package-git-'));
  gitServer = await startGitServer({ root: gitRoot, username: 'x-access-token', password: GIT_TOKEN });
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await functions.stop();
  await gitServer.close();
  rmSync(gitRoot, { recursive: true, force: true });
});

test('every type folder is covered', () => {
  expect(types.length).toBeGreaterThan(0);
  expect(types.map((t) => basename(t.dir)).filter((name) => !CREATES[name])).toEqual([]);
});

describe.each(types.map((t) => [basename(t.dir), t] as [string, TypeFolder]))('%s submission package', (folder, type) => {
  const typeName = type.schema.typeName as string;
  const primaryIdentifier = (type.schema.primaryIdentifier as string[]).map((p) => p.replace(/^\/properties\//, ''));
  let providerDir: string;
  let outerDir: string;
  let entries: string[];

  beforeAll(() => {
    const { zip } = submitDryRun(type.dir);
    entries = zipEntries(zip).map((e) => e.name);
    ({ outerDir, providerDir } = unpackPackage(zip, join(work, folder)));
  });

  test('the outer zip holds the config, the schema, the contract inputs and ResourceProvider.zip', () => {
    expect(entries).toEqual(expect.arrayContaining(['.rpdk-config', 'schema.json', 'ResourceProvider.zip']));
    const inputs = readdirSync(join(type.dir, 'inputs')).map((f) => `inputs/${f}`);
    expect(inputs.length).toBeGreaterThan(0);
    expect(entries).toEqual(expect.arrayContaining(inputs));
    expect(JSON.parse(readFileSync(join(outerDir, 'schema.json'), 'utf8'))).toEqual(type.schema);
    const config = JSON.parse(readFileSync(join(outerDir, '.rpdk-config'), 'utf8'));
    expect(config).toMatchObject({ typeName, entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint' });
  });

  test('ResourceProvider.zip holds the handler bundle and no node_modules', () => {
    const files = readdirSync(providerDir, { recursive: true }).map(String);
    expect(files).toContain(join('dist', 'handlers.js'));
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
  });

  test('the unpacked dist/handlers.js answers a real CREATE with SUCCESS in a fresh node process', async () => {
    const fixture = CREATES[folder];
    if (!fixture) throw new Error(`no CREATE fixture for ${folder}: add one to CREATES`);
    const driver = new CfnDriver({ entrypoint: () => Promise.reject(new Error('not used')), typeName, primaryIdentifier });
    let request: HandlerRequest = driver.request('CREATE', 'Packaged', { resourceProperties: await fixture.properties(), typeConfiguration: fixture.typeConfiguration?.() });
    const handler = join(providerDir, 'dist', 'handlers.js');
    let response: ProgressEventJson | undefined;
    // Like CloudFormation, re-invoke (each time in a new process) while the handler answers IN_PROGRESS.
    for (let i = 0; i < 10; i++) {
      ({ response } = await coldInvoke(handler, request, { ...CHILD_ENV, AWS_ENDPOINT_URL_LAMBDA: functions.endpoint.url, ...fixture.env?.() }));
      if (response.status !== 'IN_PROGRESS') break;
      await new Promise((r) => setTimeout(r, 500));
      request = {
        ...request,
        callbackContext: response.callbackContext,
        requestData: { ...request.requestData, resourceProperties: response.resourceModel ?? request.requestData.resourceProperties },
      };
    }
    expect(response).toMatchObject({ status: 'SUCCESS' });
    const model = response!.resourceModel!;
    for (const key of primaryIdentifier) expect(model[key]).toEqual(expect.any(String));
    fixture.check(model);
    await fixture.after?.(model);
  });
});

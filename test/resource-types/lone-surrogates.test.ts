import { CfnDriver, DriverOptions, OperationResult } from '../../local/protocol';
import * as git from '../../resource-types/git-commit-from-s3/src/handlers';
import * as gitModels from '../../resource-types/git-commit-from-s3/src/models';
import * as lambda from '../../resource-types/lambda-task/src/handlers';
import * as lambdaModels from '../../resource-types/lambda-task/src/models';
import * as fileReader from '../../resource-types/s3-file-reader/src/handlers';
import * as fileReaderModels from '../../resource-types/s3-file-reader/src/models';
import * as metadataReader from '../../resource-types/s3-metadata-reader/src/handlers';
import * as metadataReaderModels from '../../resource-types/s3-metadata-reader/src/models';
import * as stepFunctions from '../../resource-types/stepfunctions-task/src/handlers';
import * as stepFunctionsModels from '../../resource-types/stepfunctions-task/src/models';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';
import { bucket, putObject } from '../support/s3-objects';
import { passDefinition, stateMachine } from '../../local/state-machines';

/**
 * A lone UTF-16 surrogate is valid JSON ("\ud800") that no schema pattern refuses and no UTF-8 encoding can carry:
 * an S3 reader's Key holding one failed with InternalFailure "URIError: URI malformed". Every type must refuse it
 * with InvalidRequest naming the property, through its production entrypoint, against moto and the local servers.
 * Each case is otherwise a valid create of real resources, so that only the surrogate is at fault.
 */

const HIGH = '\uD800';
const LOW = '\uDC00';

type Driver = () => CfnDriver;
const driverFor = (entrypoint: DriverOptions['entrypoint'], models: { TYPE_NAME: string; PRIMARY_IDENTIFIER: readonly string[] }, typeConfiguration?: () => Record<string, unknown>): Driver =>
  () => new CfnDriver({ entrypoint, typeName: models.TYPE_NAME, primaryIdentifier: models.PRIMARY_IDENTIFIER, typeConfiguration: typeConfiguration?.(), delayScale: 0.05 });

let gitServer: GitFixture;
let functions: ServedFunctions;
let objects: string;

beforeAll(async () => {
  gitServer = await startGitFixture();
  functions = await serveTestFunctions();
  objects = await bucket();
  await putObject(objects, 'release/model.json', '{"uri":"s3://m/1"}', { ContentType: 'application/json' });
});

afterAll(async () => {
  await functions.stop();
  await gitServer.close();
});

function expectRefused(result: OperationResult, path: string) {
  expect(result.violations).toEqual([]);
  expect([result.status, result.errorCode]).toEqual(['FAILED', 'InvalidRequest']);
  expect(result.message).toMatch(new RegExp(`^Invalid properties: ${path.replace(/[.\\]/g, '\\$&')}: (the key )?holds a lone UTF-16 surrogate \\(\\\\u[0-9A-F]{4} at character \\d+\\)`));
}

describe.each([
  ['Orch::S3::FileReader', driverFor(fileReader.entrypoint, fileReaderModels), async () => ({ Bucket: objects, Key: 'release/model.json' }), [
    ['Key', { Key: `release/${HIGH}.json` }],
    ['VersionId', { VersionId: LOW }],
    ['OutputPaths.0', { OutputPaths: [`uri${HIGH}`] }],
    ['Defaults.uri', { Defaults: '{"uri":"\\ud800"}' }],
  ]],
  ['Orch::S3::MetadataReader', driverFor(metadataReader.entrypoint, metadataReaderModels), async () => ({ Bucket: objects, Key: 'release/model.json' }), [
    ['Key', { Key: `release/model${LOW}.json` }],
    ['VersionId', { VersionId: HIGH }],
    ['Defaults.stage', { Defaults: { stage: HIGH } }],
  ]],
  ['Orch::StepFunctions::Task', driverFor(stepFunctions.entrypoint, stepFunctionsModels), async () => ({ StateMachineArn: await stateMachine(passDefinition({ ok: true })) }), [
    ['Input.a.b', { Input: { a: { b: `x${LOW}` } } }],
    ['Input.list.1', { Input: { list: ['ok', HIGH] } }],
    [`Input.k\\uD800`, { Input: { [`k${HIGH}`]: 1 } }],
    ['Input', { Input: `{"a":"${HIGH}"}` }],
    ['Input.a', { Input: '{"a":"\\udc00"}' }],
    ['NamePrefix', { NamePrefix: `train${HIGH}` }],
  ]],
  ['Orch::Lambda::Task', driverFor(lambda.entrypoint, lambdaModels), async () => ({ FunctionName: 'nested', Payload: { dataset: 's3://b/d' } }), [
    ['Payload.dataset', { Payload: { dataset: `s3://b/${LOW}` } }],
    [`Payload.\\uDC00`, { Payload: { [LOW]: 'v' } }],
    ['Payload', { Payload: HIGH }],
    ['Payload.x.0', { Payload: '{"x":["\\ud800"]}' }],
  ]],
  ['Orch::Git::CommitFromS3', driverFor(git.entrypoint, gitModels, () => gitServer.typeConfiguration), async () => (await gitServer.repository(objects)).props, [
    ['Prefix', { Prefix: `release${HIGH}/` }],
    ['CommitMessage', { CommitMessage: `Publish ${LOW}` }],
    ['TargetDirectory', { TargetDirectory: `deploy/${HIGH}` }],
    ['Branch', { Branch: `release-${HIGH}` }],
    ['Tag', { Tag: `v1${LOW}` }],
    ['AuthorName', { AuthorName: HIGH }],
    ['Credentials.SecretArn', { Credentials: { Provider: 'SecretsManager', SecretArn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:git${HIGH}` } }],
  ]],
] as Array<[string, Driver, () => Promise<Record<string, unknown>>, Array<[string, Record<string, unknown>]>]>)('%s', (_type, driver, valid, cases) => {
  test.each(cases)('a lone surrogate in %s is InvalidRequest naming it', async (path, change) => {
    expectRefused(await driver().create('Surrogate', { ...(await valid()), ...change }), path);
  });

  test('the valid create the cases start from succeeds; an update bringing a lone surrogate is refused the same way', async () => {
    const [path, change] = cases[0];
    const props = await valid();
    const d = driver();
    const created = await d.create('Updated', props);
    expect([created.status, created.errorCode, created.message].filter(Boolean).join(' ')).toBe('SUCCESS');
    expectRefused(await d.update('Updated', created.model!, props, { ...props, ...change }), path);
    expect((await d.read('Updated', created.model!)).model).toMatchObject(props);
    await d.delete('Updated', created.model!);
  });
});

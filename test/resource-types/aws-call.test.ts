import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { LOCAL_AWS } from '../../local/local-aws';
import { CfnDriver, Entrypoint } from '../../local/protocol';
import { awsCallBundle, awsCallDriver } from '../support/aws-call-bundle';
import { expectReadThenNotFoundAfterDelete } from '../support/lifecycle-checks';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';
import { bucket, putObject } from '../support/s3-objects';

const dynamodb = () => new DynamoDBClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
const ssm = () => new SSMClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

let entrypoint: Entrypoint;
let bundledClients: string[];
let table: string;
let d: CfnDriver;

async function itemOf(pk: string) {
  return (await dynamodb().send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
}

const putItem = (pk: string, extra: Record<string, unknown> = {}) => ({
  Service: 'dynamodb',
  Action: 'PutItem',
  Parameters: { TableName: table, Item: { pk: { S: pk }, stage: { S: 'create' }, ...extra } },
});
const deleteItem = (pk: string) => ({ Service: 'dynamodb', Action: 'deleteItem', Parameters: { TableName: table, Key: { pk: { S: pk } } } });

beforeAll(async () => {
  ({ entrypoint, bundledClients } = await awsCallBundle('main'));
  table = `orch-call-${randomUUID().slice(0, 8)}`;
  await dynamodb().send(
    new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
  );
});

beforeEach(() => {
  d = awsCallDriver(entrypoint);
});

describe('Orch::Aws::Call (its bundle, against moto)', () => {
  test('the bundle holds no SDK client but the SSM one its task records use: the others load at run time', () => {
    expect(bundledClients).toEqual(['client-ssm']);
  });

  test('a DynamoDB item is put on create and deleted on delete (camelCase action names work too)', async () => {
    const pk = `item-${randomUUID()}`;
    const created = await d.create('Item', { OnCreate: putItem(pk), OnDelete: deleteItem(pk) });
    expect(created.violations).toEqual([]);
    expect(created.status).toBe('SUCCESS');
    expect(created.model!.Id).toMatch(/^Item-[0-9a-f]{24}$/);
    expect(created.model!.RequestId).toEqual(expect.any(String));
    expect(await itemOf(pk)).toEqual({ pk: { S: pk }, stage: { S: 'create' } });

    const deleted = await d.delete('Item', created.model!);
    expect(deleted.status).toBe('SUCCESS');
    expect(await itemOf(pk)).toBeUndefined();
  });

  test("an S3 object's JSON body is read as text, parsed with ParseJson, and addressed by OutputPaths and Expose", async () => {
    const b = await bucket();
    await putObject(b, 'runs/1/metrics.json', { model: { uri: 's3://models/resnet' }, metrics: { accuracy: 0.93, loss: [0.5, 0.2] }, noise: 'x' });
    const created = await d.create('Metrics', {
      OnCreate: {
        Service: 's3',
        Action: 'GetObject',
        Parameters: { Bucket: b, Key: 'runs/1/metrics.json' },
        ParseJson: ['Body'],
        OutputPaths: ['Body.model', 'Body.metrics.loss', 'ContentType'],
        Expose: { ModelUri: 'Body.model.uri', Accuracy: 'Body.metrics.accuracy', Loss: 'Body.metrics.loss' },
      },
    });
    expect(created.violations).toEqual([]);
    expect(created.status).toBe('SUCCESS');
    expect(created.model!.Outputs).toEqual({ ModelUri: 's3://models/resnet', Accuracy: '0.93', Loss: '[0.5,0.2]' });
    expect(created.model!.Output).toEqual({ Body: { model: { uri: 's3://models/resnet' }, metrics: { loss: { 0: '0.5', 1: '0.2' } } }, ContentType: 'application/json' });
    expect(JSON.parse(created.model!.Result as string).Body.noise).toBe('x');

    // Read returns the stored answer, whatever has become of the object since.
    const read = await d.read('Metrics', created.model!);
    expect(read.status).toBe('SUCCESS');
    expect(read.model).toEqual(created.model);
  });

  test('without ParseJson a body stays text; a ParseJson path that is not JSON fails with InvalidRequest saying the call was made', async () => {
    const b = await bucket();
    await putObject(b, 'note.txt', 'plain words', { ContentType: 'text/plain' });
    const call = { Service: 's3', Action: 'GetObject', Parameters: { Bucket: b, Key: 'note.txt' }, Expose: { Note: 'Body' } };
    const text = await d.create('Note', { OnCreate: call });
    expect(text.status).toBe('SUCCESS');
    expect(text.model!.Outputs).toEqual({ Note: 'plain words' });

    const parsed = await d.create('NoteJson', { OnCreate: { ...call, ParseJson: ['Body'] } });
    expect(parsed.status).toBe('FAILED');
    expect(parsed.errorCode).toBe('InvalidRequest');
    expect(parsed.message).toContain("OnCreate.ParseJson: 'Body' in the answer of s3 GetObject is not JSON text");
    expect(parsed.message).toContain('the call was made and succeeded');
  });

  test("a Lambda Invoke's binary Payload is text, parsed with ParseJson; AllowedActions may name its IAM action lambda:InvokeFunction", async () => {
    let functions: ServedFunctions | undefined;
    try {
      functions = await serveTestFunctions();
      const result = await d.create('Invoke', {
        OnCreate: { Service: 'lambda', Action: 'Invoke', Parameters: { FunctionName: 'nested', Payload: '{"stage":"call"}' }, ParseJson: ['Payload'], Expose: { Uri: 'Payload.model.uri', Stage: 'Payload.input.stage' } },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(result.model!.Outputs).toEqual({ Uri: 's3://models/resnet', Stage: 'call' });
      expect(functions.count('nested')).toBe(1);
    } finally {
      await functions?.stop();
    }
  });

  test('SSM GetParametersByPath with Paginate follows every page and concatenates them; without it one page and its token', async () => {
    const path = `/orch-call/${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 23; i++) await ssm().send(new PutParameterCommand({ Name: `${path}/p${String(i).padStart(2, '0')}`, Value: `v${i}`, Type: 'String' }));
    const call = { Service: 'ssm', Action: 'GetParametersByPath', Parameters: { Path: path, MaxResults: 10 }, OutputPaths: ['Parameters'] };

    const all = await d.create('All', { OnCreate: { ...call, Paginate: true } });
    expect(all.violations).toEqual([]);
    expect(all.status).toBe('SUCCESS');
    const parameters = JSON.parse(all.model!.Result as string).Parameters as { Name: string; Value: string }[];
    expect(parameters.map((p) => p.Value).sort()).toEqual(Array.from({ length: 23 }, (_, i) => `v${i}`).sort());
    expect(JSON.parse(all.model!.Result as string).NextToken).toBeUndefined();
    expect(Object.keys(all.model!.Output as object)).toEqual(['Parameters']);

    const one = await d.create('One', { OnCreate: call });
    expect(one.status).toBe('SUCCESS');
    const page = JSON.parse(one.model!.Result as string);
    expect(page.Parameters).toHaveLength(10);
    expect(page.NextToken).toEqual(expect.any(String));
  });

  test('Paginate on an operation without a paginator fails with InvalidRequest naming the paginated ones', async () => {
    const result = await d.create('NoPages', { OnCreate: { Service: 'ssm', Action: 'GetParameter', Parameters: { Name: '/x' }, Paginate: true } });
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toMatch(/^OnCreate\.Paginate: ssm has no paginator for GetParameter; its paginated operations: .*GetParametersByPath/);
  });

  test('an error IgnoreErrorCodesMatching matches counts as success with IgnoredError; unmatched, it fails naming it', async () => {
    const missing = { Service: 'ssm', Action: 'GetParameter', Parameters: { Name: `/orch-call/missing-${randomUUID()}` } };
    const ignored = await d.create('Ignored', { OnCreate: { ...missing, IgnoreErrorCodesMatching: '^ParameterNotFound$' } });
    expect(ignored.violations).toEqual([]);
    expect(ignored.status).toBe('SUCCESS');
    expect(ignored.model!.IgnoredError).toBe('ParameterNotFound');
    expect(ignored.model!.Output).toBeUndefined();

    const failed = await d.create('NotIgnored', { OnCreate: { ...missing, IgnoreErrorCodesMatching: 'NoSuchKey' } });
    expect(failed.status).toBe('FAILED');
    expect(failed.errorCode).toBe('NotFound');
    expect(failed.message).toContain('ParameterNotFound');
    expect(failed.message).toContain('OnCreate.Parameters: the ssm GetParameter call');
  });

  test('a delete whose item table is gone succeeds when OnDelete ignores ResourceNotFoundException', async () => {
    const gone = { Service: 'dynamodb', Action: 'DeleteItem', Parameters: { TableName: `no-such-table-${randomUUID().slice(0, 8)}`, Key: { pk: { S: 'a' } } } };
    const created = await d.create('Gone', { OnDelete: { ...gone, IgnoreErrorCodesMatching: 'ResourceNotFound' } });
    expect(created.status).toBe('SUCCESS');
    expect((await d.delete('Gone', created.model!)).status).toBe('SUCCESS');

    const strict = await d.create('Strict', { OnDelete: gone });
    const refused = await d.delete('Strict', strict.model!);
    expect(refused.status).toBe('FAILED');
    expect(refused.errorCode).toBe('NotFound');
    expect(refused.message).toContain('OnDelete.Parameters: the dynamodb DeleteItem call was not found (ResourceNotFoundException');
  });

  test.each([
    ['an unknown service', { Service: 'dynamo', Action: 'PutItem' }, /^OnCreate\.Service: 'dynamo' is not an AWS SDK v3 client this runtime has .*nearest: dynamodb/],
    ['an unknown action', { Service: 'dynamodb', Action: 'PutItm' }, /OnCreate\.Action: 'PutItm' is not an operation of @aws-sdk\/client-dynamodb; nearest: PutItem/],
  ])('%s fails with InvalidRequest naming it and the nearest valid names, before any call', async (_what, call, message) => {
    const result = await d.create('Unknown', { OnCreate: call });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toMatch(message);
  });

  test("parameters the service rejects fail with InvalidRequest carrying the service's message; nothing is written", async () => {
    const pk = `bad-${randomUUID()}`;
    // The key attribute has the wrong type: DynamoDB answers ValidationException.
    const result = await d.create('Rejected', { OnCreate: { Service: 'dynamodb', Action: 'PutItem', Parameters: { TableName: table, Item: { pk: { N: '1' }, note: { S: pk } } } } });
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toMatch(/^OnCreate\.Parameters: the dynamodb PutItem call was rejected as invalid \(ValidationException: .+\)/);

    // The SDK refuses input it cannot send (no Bucket for a path label): InvalidRequest too.
    const unsent = await d.create('Unsent', { OnCreate: { Service: 's3', Action: 'GetObject', Parameters: { Key: 'k' } } });
    expect(unsent.status).toBe('FAILED');
    expect(unsent.errorCode).toBe('InvalidRequest');
    expect(unsent.message).toContain('OnCreate.Parameters');
  });

  test('Parameters given as JSON text (as Fn::Sub builds them) are parsed; text that is not a JSON object is InvalidRequest', async () => {
    const pk = `text-${randomUUID()}`;
    const ok = await d.create('Text', { OnCreate: { Service: 'dynamodb', Action: 'PutItem', Parameters: JSON.stringify({ TableName: table, Item: { pk: { S: pk } } }) } });
    expect(ok.status).toBe('SUCCESS');
    expect(await itemOf(pk)).toEqual({ pk: { S: pk } });

    const bad = await d.create('BadText', { OnCreate: { Service: 'dynamodb', Action: 'PutItem', Parameters: '[1, 2]' } });
    expect(bad.status).toBe('FAILED');
    expect(bad.errorCode).toBe('InvalidRequest');
    expect(bad.message).toContain('OnCreate.Parameters: must be a JSON object');
  });

  test('read, update and delete after delete are NotFound naming the identifier; list shows the resource while it exists', async () => {
    const pk = `list-${randomUUID()}`;
    const created = await d.create('Listed', { OnCreate: putItem(pk) });
    const listed = await d.list();
    expect(listed.status).toBe('SUCCESS');
    expect(listed.models!.map((m) => m.Id)).toContain(created.model!.Id);
    await d.delete('Listed', created.model!);
    await expectReadThenNotFoundAfterDelete(d, 'Contract', { OnCreate: putItem(`contract-${randomUUID()}`) });
  });
});

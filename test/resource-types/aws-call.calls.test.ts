import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/python-env';
import { coldInvoke } from '../../local/cold-invoke';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS } from '../../local/local-aws';
import { Entrypoint, inProcessInvoker, LostAnswer } from '../../local/protocol';
import { awsCallBundle, awsCallDriver } from '../support/aws-call-bundle';

const dynamodb = () => new DynamoDBClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

let entrypoint: Entrypoint;
let table: string;

/** A call whose every repetition shows: it adds 1 to the item's `field` counter. */
const count = (pk: string, field: string) => ({
  Service: 'dynamodb',
  Action: 'UpdateItem',
  Parameters: {
    TableName: table,
    Key: { pk: { S: pk } },
    UpdateExpression: 'ADD #f :one',
    ExpressionAttributeNames: { '#f': field },
    ExpressionAttributeValues: { ':one': { N: '1' } },
    ReturnValues: 'UPDATED_NEW',
  },
  Expose: { Count: `Attributes.${field}.N` },
});

async function counters(pk: string): Promise<Record<string, number>> {
  const item = (await dynamodb().send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item ?? {};
  return Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'pk').map(([k, v]) => [k, Number(v.N)]));
}

beforeAll(async () => {
  ({ entrypoint } = await awsCallBundle('calls'));
  table = `orch-calls-${randomUUID().slice(0, 8)}`;
  await dynamodb().send(
    new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
  );
});

describe('Orch::Aws::Call: each call once per request', () => {
  test('a create re-sent after it succeeded reports the stored answer without calling again', async () => {
    const d = awsCallDriver(entrypoint);
    const pk = `resend-${randomUUID()}`;
    const request = d.request('CREATE', 'Counter', { resourceProperties: { OnCreate: count(pk, 'created') } });
    const first = await d.run(request);
    expect(first.status).toBe('SUCCESS');
    expect(first.model!.Outputs).toEqual({ Count: '1' });
    for (let resend = 0; resend < 2; resend++) {
      const again = await d.run(request); // CloudFormation re-sends the very same request
      expect(again.status).toBe('SUCCESS');
      expect(again.model).toEqual(first.model);
    }
    expect(await counters(pk)).toEqual({ created: 1 });
  });

  test('answers lost after the handler ran: the driver re-sends create and delete, and each call was made once', async () => {
    const pk = `lost-${randomUUID()}`;
    const real = inProcessInvoker(entrypoint);
    let lose = true;
    // The handler runs to the end, then its answer never arrives: the worst case for a call that must not repeat.
    const lossy = async (request: Parameters<typeof real>[0]) => {
      const answer = await real(request);
      if (lose) {
        lose = false;
        throw new LostAnswer('connection reset after the handler answered');
      }
      return answer;
    };
    const d = awsCallDriver(entrypoint, { invoker: lossy });
    const created = await d.create('Lost', { OnCreate: count(pk, 'created'), OnDelete: count(pk, 'deleted') });
    expect(created.violations).toEqual([]);
    expect(created.status).toBe('SUCCESS');
    expect(created.invocations[0].attempts).toBe(2);
    expect(await counters(pk)).toEqual({ created: 1 });

    lose = true;
    const deleted = await d.delete('Lost', created.model!);
    // The first attempt deleted the record, so the re-send finds none: CloudFormation takes NotFound on delete as done.
    expect(['SUCCESS', 'FAILED']).toContain(deleted.status);
    if (deleted.status === 'FAILED') expect(deleted.errorCode).toBe('NotFound');
    expect(await counters(pk)).toEqual({ created: 1, deleted: 1 });
  });

  test('a delete re-sent while the record still shows its call done does not call again', async () => {
    const d = awsCallDriver(entrypoint);
    const pk = `del-${randomUUID()}`;
    const created = await d.create('Twice', { OnCreate: count(pk, 'created'), OnDelete: count(pk, 'deleted') });
    const request = d.request('DELETE', 'Twice', { resourceProperties: created.model! });
    expect((await d.run(request)).status).toBe('SUCCESS');
    const again = await d.run(request);
    expect(again.errorCode).toBe('NotFound');
    expect(await counters(pk)).toEqual({ created: 1, deleted: 1 });
  });

  test('an update without OnUpdate makes the OnCreate call again whatever changed, OnDelete alone included (as the issue and AwsCustomResource)', async () => {
    const d = awsCallDriver(entrypoint);
    const pk = `upd-${randomUUID()}`;
    const v1 = { OnCreate: count(pk, 'created') };
    const created = await d.create('Upd', v1);
    expect(await counters(pk)).toEqual({ created: 1 });

    // Only OnDelete changes: CloudFormation sends an update, and an update makes the call; the new OnDelete is what the delete will use.
    const v2 = { ...v1, OnDelete: count(pk, 'deleted') };
    const onDeleteOnly = await d.update('Upd', created.model!, v1, v2);
    expect(onDeleteOnly.status).toBe('SUCCESS');
    expect(onDeleteOnly.model!.Outputs).toEqual({ Count: '2' });
    expect(await counters(pk)).toEqual({ created: 2 });

    const v3 = { ...v2, RunToken: '2' };
    const rerun = await d.update('Upd', onDeleteOnly.model!, v2, v3);
    expect(rerun.violations).toEqual([]);
    expect(rerun.status).toBe('SUCCESS');
    expect(rerun.model!.Outputs).toEqual({ Count: '3' });
    expect(await counters(pk)).toEqual({ created: 3 });

    expect((await d.delete('Upd', rerun.model!)).status).toBe('SUCCESS');
    expect(await counters(pk)).toEqual({ created: 3, deleted: 1 });
  });

  test('an update with OnUpdate makes that call; a rollback to the last good properties calls nothing', async () => {
    const d = awsCallDriver(entrypoint);
    const pk = `onupd-${randomUUID()}`;
    const v1 = { OnCreate: count(pk, 'created'), OnUpdate: count(pk, 'updated') };
    const created = await d.create('OnUpd', v1);
    const v2 = { ...v1, RunToken: 'b' };
    const updated = await d.update('OnUpd', created.model!, v1, v2);
    expect(updated.status).toBe('SUCCESS');
    expect(updated.model!.Outputs).toEqual({ Count: '1' });
    expect(await counters(pk)).toEqual({ created: 1, updated: 1 });

    // An update whose call fails, then CloudFormation's rollback to the last good properties: it calls nothing.
    const broken = { ...v2, OnUpdate: { ...count(pk, 'updated'), Parameters: { ...count(pk, 'updated').Parameters, TableName: `missing-${randomUUID().slice(0, 8)}` } } };
    const failed = await d.update('OnUpd', updated.model!, v2, broken);
    expect(failed.status).toBe('FAILED');
    const back = await d.update('OnUpd', updated.model!, broken, v2);
    expect(back.status).toBe('SUCCESS');
    expect(back.model!.Outputs).toEqual({ Count: '1' });
    expect(await counters(pk)).toEqual({ created: 1, updated: 1 });
  });

  test('a create that failed leaves nothing to undo: its rollback delete calls nothing', async () => {
    const d = awsCallDriver(entrypoint);
    const pk = `fail-${randomUUID()}`;
    const bad = { Service: 'dynamodb', Action: 'PutItem', Parameters: { TableName: `missing-${randomUUID().slice(0, 8)}`, Item: { pk: { S: pk } } } };
    const request = d.request('CREATE', 'Failing', { resourceProperties: { OnCreate: bad, OnDelete: count(pk, 'deleted') } });
    const failed = await d.run(request);
    expect(failed.status).toBe('FAILED');
    const rollback = await d.delete('Failing', { ...(failed.model ?? {}), Id: failed.model?.Id ?? 'Failing-none' });
    expect(['SUCCESS', 'FAILED']).toContain(rollback.status);
    expect(await counters(pk)).toEqual({});
  });

  test('a create with no calls at all succeeds and calls nothing on delete', async () => {
    const d = awsCallDriver(entrypoint);
    const created = await d.create('Nothing', {});
    expect(created.status).toBe('SUCCESS');
    expect((await d.delete('Nothing', created.model!)).status).toBe('SUCCESS');
  });
});

describe('Orch::Aws::Call: where the clients come from', () => {
  test('a bundle outside any node_modules tree, in a fresh process, finds a client only on NODE_PATH (where Lambda keeps its SDK)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-aws-call-'));
    try {
      // coldInvoke's probe, the process's main module, lives in a temporary folder too: no node_modules anywhere up.
      const outside = await awsCallBundle('outside', join(dir, 'TypeFunction'));
      const d = awsCallDriver(outside.entrypoint);
      const pk = `np-${randomUUID()}`;
      const create = () => d.request('CREATE', 'Outside', { resourceProperties: { OnCreate: count(pk, 'created') }, typeConfiguration: { AllowedActions: ['dynamodb:*'] } });
      const missing = await coldInvoke(outside.file, create(), { NODE_PATH: '' });
      expect(missing.response).toMatchObject({ status: 'FAILED', errorCode: 'InvalidRequest' });
      expect(missing.response.message).toContain("OnCreate.Service: 'dynamodb' is not an AWS SDK v3 client this runtime has");
      const found = await coldInvoke(outside.file, create(), { NODE_PATH: join(REPO_ROOT, 'node_modules') });
      expect(found.response).toMatchObject({ status: 'SUCCESS', resourceModel: { Outputs: { Count: '1' } } });
      expect(await counters(pk)).toEqual({ created: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Orch::Aws::Call: the admin's AllowedActions", () => {
  test('an action outside the type configuration is AccessDenied naming it, and nothing is called', async () => {
    const d = awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['ssm:GetParameter', 'dynamodb:Get*'] } });
    const pk = `denied-${randomUUID()}`;
    const result = await d.create('Denied', { OnCreate: count(pk, 'created') });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toMatch(/^OnCreate: the action dynamodb:UpdateItem is not allowed by the Orch::Aws::Call type configuration's AllowedActions \(it allows only ssm:GetParameter, dynamodb:Get\*\)/);
    expect(result.message).toContain('aws cloudformation set-type-configuration');
    expect(await counters(pk)).toEqual({});
  });

  test('without a type configuration no call is allowed; an IAM prefix that differs from the client name (sfn: states) is the one matched', async () => {
    const none = await awsCallDriver(entrypoint, { typeConfiguration: undefined }).create('None', { OnCreate: count(`none-${randomUUID()}`, 'created') });
    expect(none.errorCode).toBe('AccessDenied');
    expect(none.message).toContain('it allows no call: none is set');

    const sfn = awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['states:List*'] } });
    const listed = await sfn.create('Machines', { OnCreate: { Service: 'sfn', Action: 'listStateMachines', OutputPaths: ['stateMachines'] } });
    expect(listed.status).toBe('SUCCESS');
    const refused = await awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['sfn:*'] } }).create('Machines', { OnCreate: { Service: 'sfn', Action: 'ListStateMachines' } });
    expect(refused.errorCode).toBe('AccessDenied');
    expect(refused.message).toContain('the action states:ListStateMachines is not allowed');
  });

  test('an operation IAM authorises under another name is allowed by either (s3:ListObjectsV2 as s3:ListBucket); a refusal names both', async () => {
    const list = { Service: 's3', Action: 'ListObjectsV2', Parameters: { Bucket: `no-such-${randomUUID().slice(0, 8)}` }, IgnoreErrorCodesMatching: 'NoSuchBucket' };
    const allowed = await awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['s3:ListBucket'] } }).create('Listed', { OnCreate: list });
    expect(allowed.status).toBe('SUCCESS');
    expect(allowed.model!.IgnoredError).toBe('NoSuchBucket');
    const refused = await awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['s3:GetObject'] } }).create('Listed', { OnCreate: list });
    expect(refused.errorCode).toBe('AccessDenied');
    expect(refused.message).toContain('the action s3:ListObjectsV2 (IAM: s3:ListBucket) is not allowed');
  });

  test('a type configuration that is not a list of actions is InvalidTypeConfiguration', async () => {
    const d = awsCallDriver(entrypoint, { typeConfiguration: { AllowedActions: ['PutItem'] } });
    const result = await d.create('BadConfig', { OnCreate: count(`cfg-${randomUUID()}`, 'created') });
    expect(result.errorCode).toBe('InvalidTypeConfiguration');
  });
});

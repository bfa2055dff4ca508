import { randomBytes, randomUUID } from 'node:crypto';
import { GetParameterCommand, GetParametersByPathCommand, Parameter, SSMClient } from '@aws-sdk/client-ssm';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { LOCAL_AWS } from '../../local/local-aws';
import { recordRoot, TaskRecord, TaskStore } from '../../runtime/task-store';

type Model = { Output?: Record<string, string>; Name?: string };
type State = { running: boolean };

// The endpoint comes from AWS_ENDPOINT_URL, which the global setup points at moto.
const ssm = new SSMClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

/** A type of its own per test, so no test sees another's records. */
const freshStore = () => new TaskStore<Model, State>(ssm, `Orch::Test${randomUUID().replace(/-/g, '').slice(0, 12)}::Task`);

/** Output strings of random hex: gzip gets them to about half, far above the 4 KB of one parameter. */
function bulkyOutput(totalBytes: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i * 1000 < totalBytes; i++) out[`result.items.${i}.digest`] = randomBytes(500).toString('hex');
  return out;
}

async function parametersUnder(path: string): Promise<Parameter[]> {
  const found: Parameter[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: path, Recursive: true, NextToken }));
    found.push(...(page.Parameters ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

describe('TaskStore on local SSM', () => {
  afterAll(() => ssm.destroy());

  test('recordRoot maps the type name to its parameter path', () => {
    expect(recordRoot('Orch::StepFunctions::Task')).toBe('/Orch/Task/StepFunctions/Task');
  });

  test('put then get round-trips a small record in one parameter', async () => {
    const store = freshStore();
    const record: TaskRecord<Model, State> = { id: 'small-1', model: { Name: 'x', Output: { 'a.0.b': '1' } }, state: { running: true } };
    await store.put(record);
    expect(await store.get('small-1')).toEqual(record);
    expect(await parametersUnder(store.root)).toHaveLength(1);
  });

  test('put overwrites an existing record', async () => {
    const store = freshStore();
    await store.put({ id: 'r', model: { Name: 'first' }, state: { running: true } });
    await store.put({ id: 'r', model: { Name: 'second' }, state: { running: false } });
    expect(await store.get('r')).toEqual({ id: 'r', model: { Name: 'second' }, state: { running: false } });
  });

  test('get of a missing id returns undefined', async () => {
    expect(await freshStore().get('never-written')).toBeUndefined();
  });

  test('a 200 KB record is gzipped over several parts, and get and list return it whole', async () => {
    const store = freshStore();
    const record: TaskRecord<Model, State> = { id: 'big-1', model: { Output: bulkyOutput(200_000) }, state: { running: false } };
    expect(JSON.stringify(record).length).toBeGreaterThan(200_000);
    await store.put(record);

    const head = await ssm.send(new GetParameterCommand({ Name: `${store.root}/big-1` }));
    expect(head.Parameter!.Value).toMatch(/^gz:\d+:/);
    const stored = await parametersUnder(store.root);
    expect(stored.length).toBeGreaterThan(2);
    expect(stored.every((p) => p.Value!.length <= 4096)).toBe(true);

    expect(await store.get('big-1')).toEqual(record);
    const { records, nextToken } = await store.list();
    expect(nextToken).toBeUndefined();
    // The parts live one level below the head, so list must not mistake them for records.
    expect(records).toEqual([record]);
  });

  test('a big record rewritten small leaves a readable small record', async () => {
    const store = freshStore();
    await store.put({ id: 'shrink', model: { Output: bulkyOutput(50_000) }, state: { running: true } });
    const small = { id: 'shrink', model: { Name: 'small' }, state: { running: false } };
    await store.put(small);
    expect(await store.get('shrink')).toEqual(small);
  });

  test('delete removes the head and every part', async () => {
    const store = freshStore();
    const keep: TaskRecord<Model, State> = { id: 'keep', model: { Name: 'k' }, state: { running: false } };
    await store.put(keep);
    await store.put({ id: 'gone', model: { Output: bulkyOutput(200_000) }, state: { running: false } });
    expect((await parametersUnder(`${store.root}/gone`)).length).toBeGreaterThan(1);

    await store.delete('gone');

    expect(await store.get('gone')).toBeUndefined();
    const left = await parametersUnder(store.root);
    expect(left.filter((p) => p.Name!.startsWith(`${store.root}/gone`))).toEqual([]);
    expect(left.map((p) => p.Name)).toEqual([`${store.root}/keep`]);
  });

  test('deleting a record that does not exist is not an error', async () => {
    await expect(freshStore().delete('absent')).resolves.toBeUndefined();
  });

  test('a record too large even for 64 parts is InvalidRequest pointing at OutputPaths, and nothing is written', async () => {
    const store = freshStore();
    const huge: TaskRecord<Model, State> = { id: 'huge', model: { Output: bulkyOutput(600_000) }, state: { running: false } };
    const error = await store.put(huge).then(
      () => undefined,
      (err) => err,
    );
    expect(error?.errorCode).toBe(HandlerErrorCode.InvalidRequest);
    expect(error.message).toContain('OutputPaths');
    expect(error.message).toContain('huge');
    expect(await parametersUnder(store.root)).toEqual([]);
  });

  test('list of a type with no records is empty', async () => {
    expect(await freshStore().list()).toEqual({ records: [], nextToken: undefined });
  });

  test('list returns every record of the type, across pages', async () => {
    const store = freshStore();
    const ids = Array.from({ length: 13 }, (_, i) => `rec-${i}`);
    for (const id of ids) await store.put({ id, model: { Name: id }, state: { running: false } });
    const { records, nextToken } = await store.list();
    expect(nextToken).toBeUndefined();
    expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});

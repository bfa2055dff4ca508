import { deployStack, readStack, StackEvent } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';

const TEMPLATE = `
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Value: data } }
  Train: { Type: Test::Fake::Thing, Properties: { Value: !Ref Data } }
  Publish: { Type: Test::Fake::Thing, Properties: { Value: !GetAtt Train.Outputs.Accuracy } }
  Side: { Type: Test::Fake::Thing, Properties: { Value: side } }
`;

describe('the executor: rollback', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => fixture.remove());

  it('deletes what a failed create made, in reverse order, and ends ROLLBACK_COMPLETE with the first failure', async () => {
    fixture.cloud.failNext('Train', 'create', 'Execution failed: States.TaskFailed (Resources.Train)');
    const result = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', statusReason: 'Execution failed: States.TaskFailed (Resources.Train)', resources: {}, outputs: {} });
    expect(fixture.cloud.live.size).toBe(0);
    // Publish needed Train: never started.
    expect(fixture.cloud.callsOf('Publish')).toEqual([]);
    expect(fixture.cloud.only('Data', 'delete').start).toBeGreaterThanOrEqual(fixture.cloud.only('Train', 'create').end!);
    const stream = fixture.statuses();
    expect(stream).toContain('Train CREATE_FAILED');
    expect(stream.slice(stream.indexOf('ml ROLLBACK_IN_PROGRESS'))).toEqual(
      expect.arrayContaining(['Data DELETE_IN_PROGRESS', 'Data DELETE_COMPLETE', 'Side DELETE_COMPLETE', 'Train DELETE_COMPLETE', 'ml ROLLBACK_COMPLETE']),
    );
    expect(stream.at(-1)).toBe('ml ROLLBACK_COMPLETE');
    expect(fixture.events.find((e) => e.status === 'ROLLBACK_IN_PROGRESS')?.reason).toBe('The following resource(s) failed to create: [Train].');
    expect(fixture.events.find((e) => e.status === 'CREATE_FAILED')?.reason).toBe('Execution failed: States.TaskFailed (Resources.Train)');
    const record = readStack(fixture.stateDir, 'ml')!;
    expect(record).toMatchObject({ status: 'ROLLBACK_COMPLETE', statusReason: 'Execution failed: States.TaskFailed (Resources.Train)', resources: {} });
    expect(record.inFlight).toBeUndefined();
  });

  it('deletes a ROLLBACK_COMPLETE stack and creates it again on the next deploy, with a new stack id', async () => {
    fixture.cloud.failNext('Train', 'create', 'boom');
    const failed = await deployStack(fixture.deploy('ml', TEMPLATE));
    const from = fixture.events.length;
    const again = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(again.status).toBe('CREATE_COMPLETE');
    expect(again.stackId).not.toBe(failed.stackId);
    const stream = fixture.statuses(from);
    expect(stream.slice(0, 2)).toEqual(['ml DELETE_IN_PROGRESS', 'ml DELETE_COMPLETE']);
    expect(stream[2]).toBe('ml CREATE_IN_PROGRESS');
    expect(fixture.events[from].stackId).toBe(failed.stackId);
    expect(fixture.events.at(-1)!.stackId).toBe(again.stackId);
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
  });

  it('keeps what a failed create made with disableRollback (CREATE_FAILED), and replaces the stack on the next deploy', async () => {
    fixture.cloud.failNext('Train', 'create', 'boom');
    const result = await deployStack(fixture.deploy('ml', TEMPLATE, { disableRollback: true }));
    expect(result.status).toBe('CREATE_FAILED');
    expect(Object.keys(result.resources).sort()).toEqual(['Data', 'Side']);
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Side']);
    const again = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(again.status).toBe('CREATE_COMPLETE');
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
  });

  it('updates back what a failed update changed and deletes what it created, ending UPDATE_ROLLBACK_COMPLETE', async () => {
    const before = await deployStack(fixture.deploy('ml', TEMPLATE));
    const changed = TEMPLATE.replace('Value: data', 'Value: data-v2')
      .replace('Value: side', 'Value: side-v2')
      .replace('Value: !Ref Data }', 'Value: !Ref Data, Name: train-v2 }')
      .concat('  Extra: { Type: Test::Fake::Thing, Properties: { Value: extra } }\n');
    fixture.cloud.holdUntil('Data', 'Extra', 'create');
    fixture.cloud.failNext('Data', 'update', 'ValidationError: Value data-v2 is not allowed');
    const from = fixture.events.length;
    const result = await deployStack(fixture.deploy('ml', changed));
    expect(result).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', statusReason: 'ValidationError: Value data-v2 is not allowed' });
    // Side was updated, then updated back; Extra was created, then deleted; Train (behind Data) never changed.
    expect(fixture.cloud.callsOf('Side', 'update').map((c) => c.properties.Value)).toEqual(['side-v2', 'side']);
    expect(fixture.cloud.callsOf('Extra').map((c) => c.action)).toEqual(['create', 'delete']);
    expect(fixture.cloud.callsOf('Train')).toHaveLength(1);
    expect(fixture.cloud.callsOf('Data', 'update').map((c) => c.properties.Value)).toEqual(['data-v2', 'data']);
    expect(result.resources).toEqual(before.resources);
    const record = readStack(fixture.stateDir, 'ml')!;
    expect(record.resources).toEqual(before.resources);
    expect(record.inFlight).toBeUndefined();
    expect(JSON.stringify(record.template)).not.toContain('Extra');
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
    const stream = fixture.statuses(from);
    expect(stream[0]).toBe('ml UPDATE_IN_PROGRESS');
    expect(stream).toContain('Data UPDATE_FAILED');
    const rollback = stream.slice(stream.indexOf('ml UPDATE_ROLLBACK_IN_PROGRESS'));
    expect(rollback).toEqual([
      'ml UPDATE_ROLLBACK_IN_PROGRESS',
      ...[expect.any(String), expect.any(String), expect.any(String), expect.any(String)],
      'ml UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'Extra DELETE_IN_PROGRESS',
      'Extra DELETE_COMPLETE',
      'ml UPDATE_ROLLBACK_COMPLETE',
    ]);
    expect(rollback.slice(1, 5).sort()).toEqual(['Data UPDATE_COMPLETE', 'Data UPDATE_IN_PROGRESS', 'Side UPDATE_COMPLETE', 'Side UPDATE_IN_PROGRESS']);
    expect(fixture.events.find((e) => e.status === 'UPDATE_ROLLBACK_IN_PROGRESS')?.reason).toBe('The following resource(s) failed to update: [Data].');
  });

  it('ends ROLLBACK_FAILED, keeping what it could not delete in the record, when a rollback step fails', async () => {
    fixture.cloud.failNext('Train', 'create', 'boom');
    fixture.cloud.failNext('Data', 'delete', 'AccessDenied: s3:DeleteBucket');
    fixture.cloud.holdUntil('Train', 'Side', 'create');
    const result = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(result).toMatchObject({ status: 'ROLLBACK_FAILED', statusReason: 'boom' });
    expect(fixture.events.at(-1)).toMatchObject({ status: 'ROLLBACK_FAILED', reason: 'the rollback failed too: AccessDenied: s3:DeleteBucket' });
    expect(fixture.statuses()).toContain('Data DELETE_FAILED');
    expect(Object.keys(result.resources)).toEqual(['Data']);
    expect(fixture.cloud.liveNames()).toEqual(['Data']);
  });

  it('fails a resource whose property reads an attribute its dependency did not return, naming the template location', async () => {
    const options = fixture.deploy('ml', `
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Value: data } }
  Train: { Type: Test::Fake::Thing, Properties: { Value: !GetAtt Data.Outputs.Loss } }
`);
    const result = await deployStack(options);
    const reason = `${options.templateFile}:4:51: Resources.Train.Properties.Value: Fn::GetAtt Data.Outputs.Loss: the Test::Fake::Thing returned no attribute Outputs.Loss (it has Arn, Name, Value, Outputs)`;
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', statusReason: reason });
    expect(fixture.events.find((e) => e.logicalId === 'Train')).toMatchObject({ status: 'CREATE_FAILED', reason });
    expect(fixture.cloud.callsOf('Train')).toEqual([]);
    expect(fixture.cloud.live.size).toBe(0);
  });

  it('gives a replaced resource its old self back when the update fails, whatever the new UpdateReplacePolicy says', async () => {
    const before = await deployStack(fixture.deploy('ml', TEMPLATE));
    const changed = TEMPLATE.replace('Data: { Type: Test::Fake::Thing, Properties: { Value: data } }', 'Data: { Type: Test::Fake::Thing, UpdateReplacePolicy: Retain, Properties: { Name: data2, Value: data } }');
    fixture.cloud.failNext('Train', 'update', 'boom');
    const result = await deployStack(fixture.deploy('ml', changed));
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.resources.Data).toEqual(before.resources.Data);
    const replacement = fixture.cloud.callsOf('Data', 'create')[1];
    expect(fixture.cloud.callsOf('Data', 'delete').map((c) => c.physicalId)).toEqual([replacement.physicalId]);
    expect(fixture.cloud.live.has(before.resources.Data.physicalId)).toBe(true);
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
  });

  it('rolls back a create cancelled through its signal once what runs has finished, starting nothing new', async () => {
    const abort = new AbortController();
    fixture.cloud.delays = { Data: 20 };
    const options = { ...fixture.deploy('ml', TEMPLATE), onEvent: (e: StackEvent) => {
      fixture.events.push(e);
      if (e.logicalId === 'Data' && e.status === 'CREATE_IN_PROGRESS') abort.abort(new Error('interrupted by SIGINT'));
    }, signal: abort.signal };
    const result = await deployStack(options);
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', statusReason: 'User cancelled the operation (interrupted by SIGINT)' });
    expect(fixture.cloud.callsOf('Train')).toEqual([]);
    expect(fixture.cloud.live.size).toBe(0);
    expect(fixture.events.find((e) => e.status === 'ROLLBACK_IN_PROGRESS')?.reason).toBe('User cancelled the operation (interrupted by SIGINT)');
  });
});

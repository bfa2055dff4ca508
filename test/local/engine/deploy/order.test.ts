import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStack, deployStack, listStacks, readEvents, readStack } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';
import { FakeCloud } from './fake-cloud';

// C waits only for B, D for A; A does not finish before C has: a level-by-level run (C after all of A's level) would hang.
const CHAIN = `
Resources:
  A: { Type: Test::Fake::Thing, Properties: { Value: a } }
  B: { Type: Test::Fake::Thing, Properties: { Value: b } }
  C: { Type: Test::Fake::Thing, Properties: { Value: !Ref B } }
  D: { Type: Test::Fake::Thing, Properties: { Value: !GetAtt A.Arn } }
Outputs:
  D: { Value: !Ref D }
`;

describe('the executor: dependency order and parallelism', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture(new FakeCloud({ delays: { '*': 5 } }))));
  afterEach(() => fixture.remove());

  it('starts each resource once its own dependencies are done, the independent ones together', async () => {
    fixture.cloud.holdUntil('A', 'C', 'create');
    const result = await deployStack(fixture.deploy('order', CHAIN));
    expect(result.status).toBe('CREATE_COMPLETE');
    const { cloud } = fixture;
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((id) => cloud.only(id, 'create'));
    expect(d.start).toBeGreaterThanOrEqual(a.end!);
    expect(c.start).toBeGreaterThanOrEqual(b.end!);
    // Independent ones overlap: B started before A ended, and C (behind B only) ran while A still ran.
    expect(b.start).toBeLessThan(a.end!);
    expect(c.end!).toBeLessThan(a.end!);
    expect(c.properties.Value).toBe(b.physicalId);
    expect(d.properties.Value).toBe(`arn:fake:${a.physicalId}`);
    expect(result.outputs.D.value).toBe(d.physicalId);
  });

  it('has all of 50 independent resources in flight together, and one at a time with concurrency 1', async () => {
    const many = `Resources:\n${Array.from({ length: 50 }, (_, i) => `  R${i}: { Type: Test::Fake::Thing, Properties: { Value: v${i} } }`).join('\n')}\n`;
    fixture.cloud.delays = { '*': 40 };
    const result = await deployStack(fixture.deploy('many', many));
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(Object.keys(result.resources)).toHaveLength(50);
    expect(fixture.cloud.maxInFlight).toBe(50);
    const starts = fixture.cloud.calls.map((c) => c.start);
    const ends = fixture.cloud.calls.map((c) => c.end!);
    expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));

    const serial = new EngineFixture(new FakeCloud({ delays: { '*': 2 } }));
    try {
      await deployStack({ ...serial.deploy('serial', many), concurrency: 1 });
      expect(serial.cloud.maxInFlight).toBe(1);
    } finally {
      serial.remove();
    }
  });

  it('streams stack and resource events, keeps them in events.jsonl, and writes the record', async () => {
    const result = await deployStack(fixture.deploy('order', CHAIN));
    const stream = fixture.statuses();
    expect(stream[0]).toBe('order CREATE_IN_PROGRESS');
    expect(stream[stream.length - 1]).toBe('order CREATE_COMPLETE');
    for (const id of ['A', 'B', 'C', 'D']) {
      expect(stream.filter((s) => s.startsWith(`${id} `))).toEqual([`${id} CREATE_IN_PROGRESS`, `${id} CREATE_COMPLETE`]);
    }
    expect(stream.indexOf('A CREATE_COMPLETE')).toBeLessThan(stream.indexOf('D CREATE_IN_PROGRESS'));
    const stackEvent = fixture.events[0];
    expect(stackEvent).toMatchObject({ stackName: 'order', type: 'AWS::CloudFormation::Stack', physicalId: result.stackId, reason: 'User Initiated' });
    expect(result.stackId).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/order\/[0-9a-f-]{36}$/);
    expect(fixture.events.find((e) => e.logicalId === 'A' && e.status === 'CREATE_COMPLETE')).toMatchObject({ type: 'Test::Fake::Thing', physicalId: result.resources.A.physicalId });

    expect(readEvents(fixture.stateDir, 'order')).toEqual(fixture.events);
    const record = readStack(fixture.stateDir, 'order')!;
    expect(record).toMatchObject({ status: 'CREATE_COMPLETE', stackId: result.stackId, imports: [] });
    expect(record.inFlight).toBeUndefined();
    expect(record.resources.D).toMatchObject({ type: 'Test::Fake::Thing', dependsOn: ['A'], deletionPolicy: 'Delete', properties: { Value: `arn:fake:${result.resources.A.physicalId}` } });
    expect(record.outputs).toEqual({ D: { value: result.resources.D.physicalId } });
    expect(JSON.parse(readFileSync(join(fixture.stateDir, 'stacks', 'order', 'stack.json'), 'utf8'))).toEqual(record);
    expect(listStacks(fixture.stateDir).map((s) => s.stackName)).toEqual(['order']);
  });

  it('deletes in reverse dependency order, in parallel where it can, and removes the record', async () => {
    await deployStack(fixture.deploy('order', CHAIN));
    // B's delete waits for C's; D's (before A's) must not wait for B: it finishes before B's delete does.
    fixture.cloud.holdUntil('B', 'D', 'delete');
    const from = fixture.events.length;
    const result = await deleteStack({ ...fixture.options(), stackName: 'order' });
    expect(result).toMatchObject({ status: 'DELETE_COMPLETE', resources: {}, outputs: {} });
    const { cloud } = fixture;
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((id) => cloud.only(id, 'delete'));
    expect(a.start).toBeGreaterThanOrEqual(d.end!);
    expect(b.start).toBeGreaterThanOrEqual(c.end!);
    expect(d.end!).toBeLessThanOrEqual(b.end!);
    expect(c.start).toBeLessThan(d.end!);
    expect(cloud.live.size).toBe(0);
    expect(fixture.statuses(from)[0]).toBe('order DELETE_IN_PROGRESS');
    expect(fixture.statuses(from).at(-1)).toBe('order DELETE_COMPLETE');
    expect(readStack(fixture.stateDir, 'order')).toBeUndefined();
    expect(listStacks(fixture.stateDir)).toEqual([]);
    expect(readEvents(fixture.stateDir, 'order').at(-1)).toMatchObject({ status: 'DELETE_COMPLETE' });
    await expect(deleteStack({ ...fixture.options(), stackName: 'order' })).rejects.toMatchObject({ message: `stack order does not exist (no record in ${fixture.stateDir})`, kind: 'state' });
  });

  it('shows a provisioner\'s progress notes as IN_PROGRESS reasons, each once until it changes', async () => {
    fixture.cloud.notes = ['waiting for execution train-1', 'waiting for execution train-1', 'in progress, next check in 5s', 'waiting for execution train-1'];
    const result = await deployStack(fixture.deploy('notes', 'Resources:\n  A: { Type: Test::Fake::Thing }\n'));
    expect(fixture.events.filter((e) => e.logicalId === 'A').map((e) => [e.status, e.reason])).toEqual([
      ['CREATE_IN_PROGRESS', undefined],
      ['CREATE_IN_PROGRESS', 'waiting for execution train-1'],
      ['CREATE_IN_PROGRESS', 'in progress, next check in 5s'],
      ['CREATE_IN_PROGRESS', 'waiting for execution train-1'],
      ['CREATE_COMPLETE', undefined],
    ]);
    // Once the provisioner said what it started, its notes name it.
    expect(fixture.events.filter((e) => e.reason?.startsWith('waiting')).map((e) => e.physicalId)).toEqual([result.resources.A.physicalId, result.resources.A.physicalId]);
  });
});

import { deleteStack, deployStack, readStack } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';

const TEMPLATE = `
Parameters:
  Version: { Type: String, Default: v1 }
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Name: data, Value: data } }
  Train: { Type: Test::Fake::Thing, Properties: { Value: !Sub "\${Data.Arn}/\${Version}" } }
  Card: { Type: Test::Fake::Thing, Properties: { Value: !GetAtt Train.Outputs.Model.uri } }
  Alerts: { Type: Test::Fake::Thing, Properties: { Value: !GetAtt Data.Name } }
  Old: { Type: Test::Fake::Thing, Properties: { Value: !Ref Data } }
  Kept: { Type: Test::Fake::Thing, DeletionPolicy: Retain, Properties: { Value: kept } }
Outputs:
  Card: { Value: !Ref Card }
`;

describe('the executor: updates', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => fixture.remove());

  async function deployed() {
    const first = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(first.status).toBe('CREATE_COMPLETE');
    return { first, from: fixture.cloud.calls.length, events: fixture.events.length };
  }

  it('reruns only what changed: a new parameter updates Train in place, and nothing else is touched', async () => {
    const { first, from, events } = await deployed();
    const result = await deployStack(fixture.deploy('ml', TEMPLATE, { parameters: { Version: 'v2' } }));
    expect(result.status).toBe('UPDATE_COMPLETE');
    // Train's attributes did not change with its update, so Card (which reads one) is not rerun.
    expect(fixture.cloud.calls.slice(from).map((c) => `${c.logicalId} ${c.action} ${String(c.properties.Value)}`)).toEqual([`Train update arn:fake:${first.resources.Data.physicalId}/v2`]);
    expect(result.resources.Train.physicalId).toBe(first.resources.Train.physicalId);
    expect(fixture.statuses(events)).toEqual(['ml UPDATE_IN_PROGRESS', 'Train UPDATE_IN_PROGRESS', 'Train UPDATE_COMPLETE', 'ml UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'ml UPDATE_COMPLETE']);
    expect(readStack(fixture.stateDir, 'ml')!.parameters).toEqual({ Version: 'v2' });

    // A parameter not given keeps its last value; the same template again changes nothing.
    const calls = fixture.cloud.calls.length;
    const same = await deployStack(fixture.deploy('ml', TEMPLATE));
    expect(same.status).toBe('UPDATE_COMPLETE');
    expect(fixture.cloud.calls.length).toBe(calls);
  });

  it('replaces a resource whose create-only property changed: new one first, dependents updated, old one deleted at cleanup', async () => {
    const { first, from, events } = await deployed();
    const result = await deployStack(fixture.deploy('ml', TEMPLATE.replace('Name: data, Value: data', 'Name: data2, Value: data')));
    expect(result.status).toBe('UPDATE_COMPLETE');
    const { cloud } = fixture;
    expect(cloud.callsOf('Data', 'create')).toHaveLength(2);
    const replacement = cloud.callsOf('Data', 'create')[1];
    expect(result.resources.Data.physicalId).toBe(replacement.physicalId);
    expect(result.resources.Data.physicalId).not.toBe(first.resources.Data.physicalId);
    const removal = cloud.only('Data', 'delete');
    expect(removal.physicalId).toBe(first.resources.Data.physicalId);
    // Everything reading Data's Ref or attributes is updated before the old Data goes.
    const reruns = cloud.calls.slice(from).filter((c) => c.action === 'update').map((c) => c.logicalId).sort();
    expect(reruns).toEqual(['Alerts', 'Old', 'Train']);
    for (const id of reruns) expect(removal.start).toBeGreaterThanOrEqual(cloud.callsOf(id, 'update')[0].end!);
    expect(cloud.callsOf('Card')).toHaveLength(1);
    const replaced = fixture.events.slice(events).find((e) => e.logicalId === 'Data' && e.status === 'UPDATE_IN_PROGRESS');
    expect(replaced?.reason).toBe('Requested update requires the creation of a new physical resource; hence creating one: Name cannot be updated in place.');
    const stream = fixture.statuses(events);
    expect(stream.indexOf('ml UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBeLessThan(stream.indexOf('Data DELETE_IN_PROGRESS'));
    expect(stream.at(-1)).toBe('ml UPDATE_COMPLETE');
    expect(cloud.live.has(first.resources.Data.physicalId)).toBe(false);
  });

  it('keeps the old resource of a replacement with UpdateReplacePolicy Retain (DELETE_SKIPPED)', async () => {
    const { first, events } = await deployed();
    const result = await deployStack(fixture.deploy('ml', TEMPLATE.replace('Data: { Type: Test::Fake::Thing, Properties: { Name: data,', 'Data: { Type: Test::Fake::Thing, UpdateReplacePolicy: Retain, Properties: { Name: data2,')));
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(fixture.cloud.callsOf('Data', 'delete')).toEqual([]);
    expect(fixture.cloud.live.has(first.resources.Data.physicalId)).toBe(true);
    expect(fixture.events.slice(events).find((e) => e.status === 'DELETE_SKIPPED')).toMatchObject({ logicalId: 'Data', physicalId: first.resources.Data.physicalId, reason: 'UpdateReplacePolicy Retain: the resource is kept' });
  });

  it('deletes resources removed from the template at cleanup, skipping those with DeletionPolicy Retain', async () => {
    const { first, events } = await deployed();
    const without = TEMPLATE.replace(/ {2}Old: .*\n/, '').replace(/ {2}Kept: .*\n/, '');
    const result = await deployStack(fixture.deploy('ml', without));
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(Object.keys(result.resources).sort()).toEqual(['Alerts', 'Card', 'Data', 'Train']);
    expect(fixture.cloud.only('Old', 'delete').physicalId).toBe(first.resources.Old.physicalId);
    expect(fixture.cloud.callsOf('Kept', 'delete')).toEqual([]);
    expect(fixture.cloud.live.has(first.resources.Kept.physicalId)).toBe(true);
    expect(fixture.statuses(events)).toEqual(['ml UPDATE_IN_PROGRESS', 'ml UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', expect.any(String), expect.any(String), expect.any(String), 'ml UPDATE_COMPLETE']);
    expect(fixture.statuses(events).slice(2, 5).sort()).toEqual(['Kept DELETE_SKIPPED', 'Old DELETE_COMPLETE', 'Old DELETE_IN_PROGRESS']);
    expect(readStack(fixture.stateDir, 'ml')!.resources.Old).toBeUndefined();
  });

  it('skips DeletionPolicy Retain and RetainExceptOnCreate on delete, and deletes RetainExceptOnCreate on a create rollback', async () => {
    const template = `
Resources:
  Kept: { Type: Test::Fake::Thing, DeletionPolicy: Retain, Properties: { Value: a } }
  Except: { Type: Test::Fake::Thing, DeletionPolicy: RetainExceptOnCreate, Properties: { Value: b } }
  Gone: { Type: Test::Fake::Thing, Properties: { Value: c } }
`;
    const created = await deployStack(fixture.deploy('keep', template));
    const from = fixture.events.length;
    const deleted = await deleteStack({ ...fixture.options(), stackName: 'keep' });
    expect(deleted.status).toBe('DELETE_COMPLETE');
    expect(fixture.statuses(from).filter((s) => s.includes('SKIPPED')).sort()).toEqual(['Except DELETE_SKIPPED', 'Kept DELETE_SKIPPED']);
    expect(fixture.cloud.liveNames()).toEqual(['Except', 'Kept']);
    expect(fixture.cloud.live.has(created.resources.Gone.physicalId)).toBe(false);

    const failing = new EngineFixture();
    try {
      failing.cloud.failNext('Gone', 'create', 'boom');
      failing.cloud.holdUntil('Gone', 'Except', 'create');
      failing.cloud.holdUntil('Gone', 'Kept', 'create');
      const result = await deployStack(failing.deploy('keep', template));
      expect(result.status).toBe('ROLLBACK_COMPLETE');
      expect(failing.cloud.liveNames()).toEqual(['Kept']);
      expect(failing.statuses()).toContain('Kept DELETE_SKIPPED');
      expect(failing.statuses()).toContain('Except DELETE_COMPLETE');
    } finally {
      failing.remove();
    }
  });
});

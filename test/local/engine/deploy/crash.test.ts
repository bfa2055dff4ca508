import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStack, deployStack, readEvents, readStack, StackOperationRefused, StackRecord } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';
import { FakeCloud } from './fake-cloud';

const TEMPLATE = `
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Value: data } }
  Train: { Type: Test::Fake::Thing, Properties: { Value: !Ref Data } }
  Side: { Type: Test::Fake::Thing, Properties: { Value: side } }
  Publish: { Type: Test::Fake::Thing, Properties: { Value: !Ref Train } }
`;

/** Polls `check` (no timing is asserted: this only waits for the child to reach the point where it is killed). */
async function until(what: string, check: () => boolean, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    if (child.exitCode !== null) throw new Error(`the deploy process ended (${child.exitCode}) before ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function liveIn(cloudFile: string): string[] {
  if (!existsSync(cloudFile)) return [];
  const saved = JSON.parse(readFileSync(cloudFile, 'utf8')) as { live: Record<string, { logicalId: string }> };
  return Object.values(saved.live).map((r) => r.logicalId).sort();
}

describe('the executor: a deploy killed mid-way', () => {
  let fixture: EngineFixture;
  let child: ChildProcess | undefined;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fixture.remove();
  });

  async function killedWhile(stackName: string, template: string, slow: string[], inFlight: (record: StackRecord) => boolean, operation = 'deploy'): Promise<StackRecord> {
    const templateFile = join(fixture.stateDir, `${stackName}-killed.yaml`);
    writeFileSync(templateFile, template);
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'interrupted-deploy.ts'), operation, fixture.stateDir, stackName, templateFile, cloudFile, slow.join(',')], { stdio: 'ignore' });
    await until('the creates were in flight', () => {
      const record = readStack(fixture.stateDir, stackName);
      return record !== undefined && inFlight(record);
    }, child);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    return readStack(fixture.stateDir, stackName)!;
  }

  /** A deploy in this process, over the fake cloud the killed one left in `cloud.json`: its result, events and cloud. */
  async function deployOverSavedCloud(template: string) {
    const cloud = new FakeCloud({ stateFile: join(fixture.stateDir, 'cloud.json') });
    const run = new EngineFixture(cloud);
    try {
      const result = await deployStack({ ...run.deploy('ml', template), stateDir: fixture.stateDir });
      return { result, cloud, stream: run.statuses(), events: run.events };
    } finally {
      run.remove();
    }
  }

  it('rolls back the interrupted create (deleting the half-created resources) and then creates the stack', async () => {
    const record = await killedWhile('ml', TEMPLATE, ['Train', 'Side'], (r) => r.inFlight?.started?.Train?.physicalId !== undefined && r.inFlight.started.Train.physicalId !== '' && r.inFlight.started.Side?.physicalId !== '');
    expect(record.status).toBe('CREATE_IN_PROGRESS');
    expect(record.inFlight).toMatchObject({ kind: 'create', creating: expect.arrayContaining(['Data', 'Train', 'Side']) });
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    expect(liveIn(cloudFile)).toEqual(['Data', 'Side', 'Train']);

    // The lock of the killed process is stale: this deploy takes it over, undoes the create, then runs.
    const { result, cloud, stream, events } = await deployOverSavedCloud(TEMPLATE);
    expect(result.status).toBe('CREATE_COMPLETE');
    const deletes = stream.slice(stream.indexOf('ml ROLLBACK_IN_PROGRESS'), stream.indexOf('ml ROLLBACK_COMPLETE') + 1);
    expect(deletes.filter((s) => s.endsWith('DELETE_COMPLETE')).sort()).toEqual(['Data DELETE_COMPLETE', 'Side DELETE_COMPLETE', 'Train DELETE_COMPLETE']);
    expect(events.find((e) => e.status === 'ROLLBACK_IN_PROGRESS')?.reason).toMatch(/^the create by process \d+ \(started .*\) was interrupted: rolling it back$/);
    expect(stream.slice(stream.indexOf('ml ROLLBACK_COMPLETE') + 1, stream.indexOf('ml ROLLBACK_COMPLETE') + 4)).toEqual(['ml DELETE_IN_PROGRESS', 'ml DELETE_COMPLETE', 'ml CREATE_IN_PROGRESS']);
    // Exactly the template's resources exist: nothing the killed process started is left over.
    expect(cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
    expect(cloud.only('Train', 'delete').physicalId).toBe(record.inFlight!.started!.Train.physicalId);
    expect(readStack(fixture.stateDir, 'ml')!.inFlight).toBeUndefined();
  });

  it('rolls back an interrupted update to the stack as it was, then applies the update', async () => {
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    const { result: created } = await deployOverSavedCloud(TEMPLATE);
    expect(created.status).toBe('CREATE_COMPLETE');

    const changed = TEMPLATE.replace('Value: side', 'Value: side-v2').replace('Value: data }', 'Value: data, Name: data2 }');
    const record = await killedWhile('ml', changed, ['Data', 'Side'], (r) => r.inFlight?.updated?.Side !== undefined && r.inFlight.started?.Data?.physicalId !== '' && r.inFlight.started?.Data !== undefined);
    expect(record.inFlight).toMatchObject({ kind: 'update', creating: ['Data'] });
    expect(liveIn(cloudFile)).toEqual(['Data', 'Data', 'Publish', 'Side', 'Train']);

    const { result, cloud: after, stream } = await deployOverSavedCloud(changed);
    expect(result.status).toBe('UPDATE_COMPLETE');
    const rollback = stream.slice(stream.indexOf('ml UPDATE_ROLLBACK_IN_PROGRESS'), stream.indexOf('ml UPDATE_ROLLBACK_COMPLETE') + 1);
    expect(rollback).toEqual(expect.arrayContaining(['Side UPDATE_COMPLETE', 'Data DELETE_COMPLETE']));
    // Side went back to its old properties before the update ran again.
    expect(after.callsOf('Side', 'update').map((c) => c.properties.Value)).toEqual(['side', 'side-v2']);
    expect(after.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
    expect(result.resources.Data.physicalId).not.toBe(created.resources.Data.physicalId);
    expect(after.live.has(created.resources.Data.physicalId)).toBe(false);
  });

  it('marks an interrupted delete DELETE_FAILED: a deploy is refused, and the next delete finishes it', async () => {
    expect((await deployOverSavedCloud(TEMPLATE)).result.status).toBe('CREATE_COMPLETE');
    // Killed once Publish is deleted (and gone from the record) while Side's delete is in flight.
    const deleting = (r: StackRecord) =>
      r.status === 'DELETE_IN_PROGRESS' && r.resources.Publish === undefined && readEvents(fixture.stateDir, 'ml').some((e) => e.logicalId === 'Side' && e.status === 'DELETE_IN_PROGRESS');
    const record = await killedWhile('ml', TEMPLATE, ['Side', 'Train'], deleting, 'delete');
    expect(record.inFlight).toMatchObject({ kind: 'delete' });

    const refused = await deployOverSavedCloud(TEMPLATE).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StackOperationRefused);
    expect(refused).toMatchObject({ kind: 'state' });
    expect((refused as Error).message).toMatch(/^stack ml is DELETE_FAILED \(the delete by process \d+ \(started .*\) was interrupted; run orch delete again\): run orch delete --stack ml again before deploying it$/);

    const cloud = new FakeCloud({ stateFile: join(fixture.stateDir, 'cloud.json') });
    const run = new EngineFixture(cloud);
    const deleted = await deleteStack({ ...run.options(), stateDir: fixture.stateDir, stackName: 'ml' });
    run.remove();
    expect(deleted.status).toBe('DELETE_COMPLETE');
    expect(cloud.live.size).toBe(0);
    // Publish went before the kill; what remained is deleted now, Side again as its delete never finished.
    expect(cloud.calls.map((c) => c.logicalId).sort()).toEqual(['Data', 'Side', 'Train']);
    expect(readStack(fixture.stateDir, 'ml')).toBeUndefined();
  });

  it('finishes the cleanup of an update killed during it, keeping the update', async () => {
    expect((await deployOverSavedCloud(TEMPLATE)).result.status).toBe('CREATE_COMPLETE');
    const without = TEMPLATE.replace(/ {2}Side: .*\n/, '');
    const cleaning = (r: StackRecord) => r.inFlight?.cleanup === true && readEvents(fixture.stateDir, 'ml').some((e) => e.logicalId === 'Side' && e.status === 'DELETE_IN_PROGRESS');
    const record = await killedWhile('ml', without, ['Side'], cleaning);
    expect(record).toMatchObject({ status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', inFlight: { kind: 'update', removing: ['Side'] } });

    const { result, cloud, stream, events } = await deployOverSavedCloud(without);
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(stream.slice(0, 4)).toEqual(['ml UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'Side DELETE_IN_PROGRESS', 'Side DELETE_COMPLETE', 'ml UPDATE_COMPLETE']);
    expect(events[0].reason).toMatch(/^the update by process \d+ \(started .*\) was interrupted during its cleanup: finishing the cleanup$/);
    expect(stream).not.toContain('ml UPDATE_ROLLBACK_IN_PROGRESS');
    expect(cloud.liveNames()).toEqual(['Data', 'Publish', 'Train']);
    expect(Object.keys(result.resources).sort()).toEqual(['Data', 'Publish', 'Train']);
  });
});

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployStack, readStack, StackRecord } from '../../../../local/engine/deploy';
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

  async function killedWhile(stackName: string, template: string, slow: string[], inFlight: (record: StackRecord) => boolean): Promise<StackRecord> {
    const templateFile = join(fixture.stateDir, `${stackName}-killed.yaml`);
    writeFileSync(templateFile, template);
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'interrupted-deploy.ts'), fixture.stateDir, stackName, templateFile, cloudFile, slow.join(',')], { stdio: 'ignore' });
    await until('the creates were in flight', () => {
      const record = readStack(fixture.stateDir, stackName);
      return record !== undefined && inFlight(record);
    }, child);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    return readStack(fixture.stateDir, stackName)!;
  }

  it('rolls back the interrupted create (deleting the half-created resources) and then creates the stack', async () => {
    const record = await killedWhile('ml', TEMPLATE, ['Train', 'Side'], (r) => r.inFlight?.started?.Train?.physicalId !== undefined && r.inFlight.started.Train.physicalId !== '' && r.inFlight.started.Side?.physicalId !== '');
    expect(record.status).toBe('CREATE_IN_PROGRESS');
    expect(record.inFlight).toMatchObject({ kind: 'create', creating: expect.arrayContaining(['Data', 'Train', 'Side']) });
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    expect(liveIn(cloudFile)).toEqual(['Data', 'Side', 'Train']);

    // The lock of the killed process is stale: this deploy takes it over, undoes the create, then runs.
    const cloud = new FakeCloud({ stateFile: cloudFile });
    const again = new EngineFixture(cloud);
    const result = await deployStack({ ...again.deploy('ml', TEMPLATE), stateDir: fixture.stateDir });
    again.remove();
    expect(result.status).toBe('CREATE_COMPLETE');
    const stream = again.statuses();
    const deletes = stream.slice(stream.indexOf('ml ROLLBACK_IN_PROGRESS'), stream.indexOf('ml ROLLBACK_COMPLETE') + 1);
    expect(deletes.filter((s) => s.endsWith('DELETE_COMPLETE')).sort()).toEqual(['Data DELETE_COMPLETE', 'Side DELETE_COMPLETE', 'Train DELETE_COMPLETE']);
    expect(again.events.find((e) => e.status === 'ROLLBACK_IN_PROGRESS')?.reason).toMatch(/^the create by process \d+ \(started .*\) was interrupted: rolling it back$/);
    expect(stream.slice(stream.indexOf('ml ROLLBACK_COMPLETE') + 1, stream.indexOf('ml ROLLBACK_COMPLETE') + 4)).toEqual(['ml DELETE_IN_PROGRESS', 'ml DELETE_COMPLETE', 'ml CREATE_IN_PROGRESS']);
    // Exactly the template's resources exist: nothing the killed process started is left over.
    expect(cloud.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
    expect(cloud.only('Train', 'delete').physicalId).toBe(record.inFlight!.started!.Train.physicalId);
    expect(readStack(fixture.stateDir, 'ml')!.inFlight).toBeUndefined();
  });

  it('rolls back an interrupted update to the stack as it was, then applies the update', async () => {
    const cloudFile = join(fixture.stateDir, 'cloud.json');
    const cloud = new FakeCloud({ stateFile: cloudFile });
    const first = new EngineFixture(cloud);
    const created = await deployStack({ ...first.deploy('ml', TEMPLATE), stateDir: fixture.stateDir });
    first.remove();
    expect(created.status).toBe('CREATE_COMPLETE');

    const changed = TEMPLATE.replace('Value: side', 'Value: side-v2').replace('Value: data }', 'Value: data, Name: data2 }');
    const record = await killedWhile('ml', changed, ['Data', 'Side'], (r) => r.inFlight?.updated?.Side !== undefined && r.inFlight.started?.Data?.physicalId !== '' && r.inFlight.started?.Data !== undefined);
    expect(record.inFlight).toMatchObject({ kind: 'update', creating: ['Data'] });
    expect(liveIn(cloudFile)).toEqual(['Data', 'Data', 'Publish', 'Side', 'Train']);

    const after = new FakeCloud({ stateFile: cloudFile });
    const again = new EngineFixture(after);
    const result = await deployStack({ ...again.deploy('ml', changed), stateDir: fixture.stateDir });
    again.remove();
    expect(result.status).toBe('UPDATE_COMPLETE');
    const stream = again.statuses();
    const rollback = stream.slice(stream.indexOf('ml UPDATE_ROLLBACK_IN_PROGRESS'), stream.indexOf('ml UPDATE_ROLLBACK_COMPLETE') + 1);
    expect(rollback).toEqual(expect.arrayContaining(['Side UPDATE_COMPLETE', 'Data DELETE_COMPLETE']));
    // Side went back to its old properties before the update ran again.
    expect(after.callsOf('Side', 'update').map((c) => c.properties.Value)).toEqual(['side', 'side-v2']);
    expect(after.liveNames()).toEqual(['Data', 'Publish', 'Side', 'Train']);
    expect(result.resources.Data.physicalId).not.toBe(created.resources.Data.physicalId);
    expect(after.live.has(created.resources.Data.physicalId)).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStack, deployStack, StackOperationRefused } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';
import { FakeCloud } from './fake-cloud';

const TEMPLATE = `
Resources:
  Slow: { Type: Test::Fake::Thing, Properties: { Value: slow } }
`;

describe('the executor: one operation per stack', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture(new FakeCloud({ delays: { Slow: 300 } }))));
  afterEach(() => fixture.remove());
  const lockFile = () => join(fixture.stateDir, 'stacks', 'ml', 'deploy.lock');

  it('refuses a second deploy or a delete while one runs, naming the running process, and releases the lock after', async () => {
    const first = deployStack(fixture.deploy('ml', TEMPLATE));
    // The first deploy holds the lock once its record exists (it is written after the lock is taken).
    while (!existsSync(join(fixture.stateDir, 'stacks', 'ml', 'stack.json'))) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await deployStack(fixture.deploy('ml', TEMPLATE)).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(StackOperationRefused);
    expect((second as StackOperationRefused).kind).toBe('locked');
    expect((second as Error).message).toMatch(new RegExp(`^stack ml is locked: an orch deploy started at \\S+ is running as process ${process.pid}; wait for it to end$`));
    const deleting = await deleteStack({ ...fixture.options(), stackName: 'ml' }).catch((e: unknown) => e);
    expect((deleting as Error).message).toContain(`is running as process ${process.pid}`);
    expect((await first).status).toBe('CREATE_COMPLETE');
    expect(fixture.cloud.callsOf('Slow')).toHaveLength(1);
    expect(existsSync(lockFile())).toBe(false);
    expect((await deployStack(fixture.deploy('ml', TEMPLATE))).status).toBe('UPDATE_COMPLETE');
  });

  it('takes over a lock whose process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(join(fixture.stateDir, 'stacks', 'ml'), { recursive: true });
    writeFileSync(lockFile(), JSON.stringify({ pid: Number(gone.stdout), startedAt: '2026-12-01T00:00:00.000Z', operation: 'deploy' }));
    expect((await deployStack(fixture.deploy('ml', TEMPLATE))).status).toBe('CREATE_COMPLETE');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses while a lock file has no pid yet, and takes over one left empty long ago', async () => {
    mkdirSync(join(fixture.stateDir, 'stacks', 'ml'), { recursive: true });
    writeFileSync(lockFile(), '');
    await expect(deployStack(fixture.deploy('ml', TEMPLATE))).rejects.toMatchObject({ kind: 'locked', message: 'stack ml is locked by an operation that is just starting; try again' });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), longAgo, longAgo);
    expect((await deployStack(fixture.deploy('ml', TEMPLATE))).status).toBe('CREATE_COMPLETE');
  });
});

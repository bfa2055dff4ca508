import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listStacks, readEvents, readStack, stateDirectory, StackRecord } from '../../../../local/engine/deploy';
import { appendEvent, removeStack, writeStack } from '../../../../local/engine/state/stack-store';

const record = (stackName: string): StackRecord => ({
  stackName,
  stackId: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${stackName}/1`,
  status: 'CREATE_COMPLETE',
  template: {},
  parameters: {},
  resources: {},
  outputs: {},
  imports: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('the state directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orch-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is ORCH_STATE_DIR (relative to the working directory) or .orch there', () => {
    expect(stateDirectory({}, '/work/project')).toBe('/work/project/.orch');
    expect(stateDirectory({ ORCH_STATE_DIR: 'state' }, '/work/project')).toBe('/work/project/state');
    expect(stateDirectory({ ORCH_STATE_DIR: '/var/orch' }, '/work/project')).toBe('/var/orch');
  });

  it('writes records whole (no temporary file left), lists them by name, and removes one keeping its events', () => {
    writeStack(dir, record('b'));
    writeStack(dir, { ...record('a'), status: 'UPDATE_COMPLETE' });
    writeStack(dir, record('a'));
    expect(readdirSync(join(dir, 'stacks', 'a'))).toEqual(['stack.json']);
    expect(listStacks(dir).map((r) => `${r.stackName} ${r.status}`)).toEqual(['a CREATE_COMPLETE', 'b CREATE_COMPLETE']);
    appendEvent(dir, { timestamp: '2026-12-01T00:00:00.000Z', stackName: 'a', logicalId: 'a', type: 'AWS::CloudFormation::Stack', status: 'DELETE_COMPLETE' });
    removeStack(dir, 'a');
    expect(readStack(dir, 'a')).toBeUndefined();
    expect(listStacks(dir).map((r) => r.stackName)).toEqual(['b']);
    expect(readEvents(dir, 'a').map((e) => e.status)).toEqual(['DELETE_COMPLETE']);
    expect(readEvents(dir, 'nothing')).toEqual([]);
    expect(listStacks(join(dir, 'none'))).toEqual([]);
  });

  it('skips an event line a crash cut short', () => {
    appendEvent(dir, { timestamp: '2026-12-01T00:00:00.000Z', stackName: 's', logicalId: 'A', type: 'T', status: 'CREATE_IN_PROGRESS' });
    appendFileSync(join(dir, 'stacks', 's', 'events.jsonl'), '{"timestamp":"2026-12-01T00:0');
    expect(readEvents(dir, 's').map((e) => `${e.logicalId} ${e.status}`)).toEqual(['A CREATE_IN_PROGRESS']);
  });
});

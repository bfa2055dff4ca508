import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../local/cli/program';
import { StackOperationRefused } from '../../../local/engine/deploy/stack-operations';
import { FakeEngine } from './fake-engine';
import { memoryIo } from './memory-io';

const TEMPLATE = `Resources:
  Data:
    Type: AWS::S3::Bucket
  Notify:
    Type: AWS::SNS::Topic
Outputs:
  Topic:
    Value: arn:aws:sns:us-east-1:123456789012:jobs
    Export: { Name: jobs-topic }
  Sizes:
    Value: [1, 2]
`;

describe('orch delete, events, outputs, list (with a fake engine)', () => {
  let dir: string;
  let engine: FakeEngine;
  const run = (args: string[], io = memoryIo()) => runCli(args, io.io, () => engine).then((code) => ({ code, ...io.written }));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orch-stacks-'));
    writeFileSync(join(dir, 'stack.yaml'), TEMPLATE);
    engine = new FakeEngine(join(dir, '.orch'));
    expect((await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'shared'])).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('outputs: a table, or name to value with --json; exit 2 for a stack that is not there', async () => {
    expect(await run(['outputs', '--stack', 'shared'])).toEqual({
      code: 0,
      stdout: ['Output  Value                                    Export', 'Topic   arn:aws:sns:us-east-1:123456789012:jobs  jobs-topic', 'Sizes   [1,2]', ''].join('\n'),
      stderr: '',
    });
    const json = await run(['outputs', '--stack', 'shared', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ Topic: 'arn:aws:sns:us-east-1:123456789012:jobs', Sizes: [1, 2] });
    expect(await run(['outputs', '--stack', 'other'])).toEqual({ code: 2, stdout: '', stderr: `orch outputs: no stack named other in ${engine.stateDir}\n` });
  });

  it('events: the history as the plain lines a deploy prints, or a JSON array', async () => {
    const events = await run(['events', '--stack', 'shared']);
    expect(events.code).toBe(0);
    expect(events.stdout.split('\n')).toEqual([
      '2026-12-01T15:00:00.000Z  shared  AWS::CloudFormation::Stack  CREATE_IN_PROGRESS',
      '2026-12-01T15:00:01.000Z  Data    AWS::S3::Bucket             CREATE_IN_PROGRESS',
      '2026-12-01T15:00:02.000Z  Data    AWS::S3::Bucket             CREATE_COMPLETE',
      '2026-12-01T15:00:03.000Z  Notify  AWS::SNS::Topic             CREATE_IN_PROGRESS',
      '2026-12-01T15:00:04.000Z  Notify  AWS::SNS::Topic             CREATE_COMPLETE',
      '2026-12-01T15:00:05.000Z  shared  AWS::CloudFormation::Stack  CREATE_COMPLETE',
      '',
    ]);
    const json = JSON.parse((await run(['events', '--stack', 'shared', '--json'])).stdout);
    expect(json).toHaveLength(6);
    expect(json[2]).toEqual({ timestamp: '2026-12-01T15:00:02.000Z', stackName: 'shared', logicalId: 'Data', type: 'AWS::S3::Bucket', status: 'CREATE_COMPLETE' });
    expect((await run(['events', '--stack', 'other'])).code).toBe(2);
  });

  it('list: every stack with its status, as a table or JSON', async () => {
    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual(['Stack   Status           Resources  Updated                   Reason', 'shared  CREATE_COMPLETE  2          2026-12-01T15:00:06.000Z', '']);
    const json = JSON.parse((await run(['list', '--json'])).stdout);
    expect(json).toEqual([{ StackName: 'shared', StackId: 'fake/shared', Status: 'CREATE_COMPLETE', Resources: 2, CreatedAt: '2026-12-01T15:00:06.000Z', UpdatedAt: '2026-12-01T15:00:06.000Z' }]);
  });

  it('list: says whether an operation is running or was interrupted (its process gone)', async () => {
    const record = engine.records.get('shared')!;
    const inFlight = { kind: 'update' as const, startedAt: record.updatedAt, creating: [], updated: {}, replaced: {} };
    engine.records.set('shared', { ...record, status: 'UPDATE_IN_PROGRESS', inFlight: { ...inFlight, pid: process.pid } });
    expect((await run(['list'])).stdout).toContain(`shared  UPDATE_IN_PROGRESS (update running, pid ${process.pid})`);
    // Past the kernel's largest pid: no such process.
    engine.records.set('shared', { ...record, status: 'UPDATE_IN_PROGRESS', inFlight: { ...inFlight, pid: 4194305 } });
    expect((await run(['list'])).stdout).toContain('shared  UPDATE_IN_PROGRESS (update interrupted)');
    expect(JSON.parse((await run(['list', '--json'])).stdout)[0].Operation).toBe('update interrupted');
  });

  it('delete: the events in reverse order, exit 0; a second delete finds nothing and still exits 0', async () => {
    const deleted = await run(['delete', '--stack', 'shared']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.split('\n').map((l) => l.slice(26))).toEqual([
      'shared  AWS::CloudFormation::Stack  DELETE_IN_PROGRESS',
      'Notify  AWS::SNS::Topic             DELETE_IN_PROGRESS',
      'Notify  AWS::SNS::Topic             DELETE_COMPLETE',
      'Data    AWS::S3::Bucket             DELETE_IN_PROGRESS',
      'Data    AWS::S3::Bucket             DELETE_COMPLETE',
      'shared  AWS::CloudFormation::Stack  DELETE_COMPLETE',
      '',
    ]);
    expect(await run(['delete', '--stack', 'shared'])).toEqual({ code: 0, stdout: '', stderr: `orch delete: no stack named shared in ${engine.stateDir}: nothing to delete\n` });
    expect(engine.deletes).toEqual(['shared']);
    // The history outlives the stack, as CloudFormation keeps a deleted stack's events.
    expect((await run(['events', '--stack', 'shared'])).stdout.trimEnd().split('\n')).toHaveLength(12);
    expect((await run(['list'])).stderr).toBe(`no stacks in ${engine.stateDir}\n`);
  });

  it('delete: exit 3 when refused (an export in use), naming both stacks', async () => {
    engine.behaviour = { refuse: new StackOperationRefused('stack shared exports jobs-topic, which stack consumer imports: delete consumer first', [], 'in-use') };
    const refused = await run(['delete', '--stack', 'shared', '--json']);
    expect(refused).toMatchObject({ code: 3, stdout: '' });
    expect(refused.stderr).toContain('orch delete: stack shared exports jobs-topic, which stack consumer imports: delete consumer first\n');
    expect(engine.sessionsOpened).toBe(engine.sessionsClosed);
  });
});

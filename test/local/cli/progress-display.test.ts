import { renderFrame } from '../../../local/cli/live-frame';
import { openProgressDisplay, EventLines } from '../../../local/cli/progress-display';
import { StackProgress } from '../../../local/cli/stack-progress';
import type { StackEvent } from '../../../local/engine/deploy/stack-events';
import { memoryIo } from './memory-io';

const at = (second: number) => `2026-12-01T15:00:${String(second).padStart(2, '0')}.000Z`;
const event = (second: number, logicalId: string, type: string, status: string, reason?: string): StackEvent =>
  ({ timestamp: at(second), stackName: 'research', logicalId, type, status, ...(reason ? { reason } : {}) }) as StackEvent;
const STACK = 'AWS::CloudFormation::Stack';

function progressOf(events: StackEvent[]): StackProgress {
  const progress = new StackProgress('research');
  for (const e of events) progress.apply(e);
  return progress;
}

describe('the live frame', () => {
  const events = [
    event(0, 'research', STACK, 'CREATE_IN_PROGRESS'),
    event(1, 'Data', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS'),
    event(2, 'Data', 'AWS::S3::Bucket', 'CREATE_COMPLETE'),
    event(3, 'Train', 'Orch::StepFunctions::Task', 'CREATE_IN_PROGRESS'),
    event(6, 'Train', 'Orch::StepFunctions::Task', 'CREATE_IN_PROGRESS', 'waiting for execution arn:aws:states:us-east-1:123456789012:execution:train:abc\nnext check in 5s'),
  ];

  it('shows the stack, then one line per resource: type, status, seconds in the current status while running, the latest reason', () => {
    // A progress note keeps the status: Train has been CREATE_IN_PROGRESS since second 3.
    expect(renderFrame(progressOf(events), { width: 200, now: new Date(at(10)) }).split('\n')).toEqual([
      'Stack research CREATE_IN_PROGRESS, 10s',
      '  Data   AWS::S3::Bucket            CREATE_COMPLETE',
      '  Train  Orch::StepFunctions::Task  CREATE_IN_PROGRESS  7s  waiting for execution arn:aws:states:us-east-1:123456789012:execution:train:abc next check in 5s',
    ]);
  });

  it('cuts the reason to the terminal width, keeping each resource on one line', () => {
    const lines = renderFrame(progressOf(events), { width: 80, now: new Date(at(10)) }).split('\n');
    expect(lines[2]).toBe('  Train  Orch::StepFunctions::Task  CREATE_IN_PROGRESS  7s  waiting for executi…');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('folds finished resources into a count when the terminal is too short, keeping failures and running ones', () => {
    const many = [event(0, 'research', STACK, 'CREATE_IN_PROGRESS')];
    for (let i = 0; i < 10; i++) many.push(event(1, `Done${i}`, 'AWS::SNS::Topic', 'CREATE_COMPLETE'));
    many.push(event(2, 'Broken', 'AWS::SNS::Topic', 'CREATE_FAILED', 'TopicName: invalid'));
    many.push(event(3, 'Running', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS'));
    expect(renderFrame(progressOf(many), { width: 120, height: 6, now: new Date(at(5)) }).split('\n')).toEqual([
      'Stack research CREATE_IN_PROGRESS, 5s',
      '  9 more resources complete',
      '  Done9    AWS::SNS::Topic  CREATE_COMPLETE',
      '  Broken   AWS::SNS::Topic  CREATE_FAILED           TopicName: invalid',
      '  Running  AWS::S3::Bucket  CREATE_IN_PROGRESS  2s',
    ]);
  });

  it("keeps the stack's reason on the header line, cut to the width", () => {
    const failed = [...events, event(8, 'research', STACK, 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Train].\nBuild failed with 1 error')];
    const header = renderFrame(progressOf(failed), { width: 60, now: new Date(at(10)) }).split('\n')[0];
    expect(header).toBe('Stack research ROLLBACK_IN_PROGRESS, 10s: The following res…');
    expect(header).toHaveLength(60);
  });

  it('paints statuses through the given function', () => {
    const frame = renderFrame(progressOf(events.slice(0, 3)), { width: 100, now: new Date(at(3)), paint: (s) => `<${s}>` });
    expect(frame.split('\n')).toEqual(['Stack research <CREATE_IN_PROGRESS>, 3s', '  Data  AWS::S3::Bucket  <CREATE_COMPLETE>']);
  });
});

describe('choosing the display', () => {
  it('prints plain lines on a terminal when CI=true, and when the stream is not a terminal', () => {
    const ci = memoryIo({ env: { CI: 'true' }, terminal: { columns: 100, rows: 30 } });
    expect(openProgressDisplay(ci.io, { stackName: 'research', stream: 'out' })).toBeInstanceOf(EventLines);
    const piped = memoryIo({ env: {} });
    const display = openProgressDisplay(piped.io, { stackName: 'research', stream: 'out', columns: { logicalId: 8, type: 26 } });
    display.event(event(1, 'Data', 'AWS::S3::Bucket', 'CREATE_FAILED', 'BucketName: taken\nby another account'));
    display.close();
    expect(piped.written.stdout).toBe('2026-12-01T15:00:01.000Z  Data      AWS::S3::Bucket             CREATE_FAILED  BucketName: taken by another account\n');
  });

  it('writes to stderr when stdout is kept for --json', () => {
    const piped = memoryIo();
    openProgressDisplay(piped.io, { stackName: 'research', stream: 'err' }).event(event(1, 'Data', 'AWS::S3::Bucket', 'CREATE_COMPLETE'));
    expect(piped.written).toEqual({ stdout: '', stderr: '2026-12-01T15:00:01.000Z  Data  AWS::S3::Bucket  CREATE_COMPLETE\n' });
  });
});

import { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from '../../local/local-aws';
import { DEFAULT_POLICY } from '../../runtime/backoff';
import { idempotentAttempt } from '../../runtime/idempotent-attempt';
import { TaskLifecycle } from '../../runtime/lifecycle';
import { Clock } from '../../runtime/progress';
import { startThenPoll } from '../../runtime/start-then-poll';
import { TaskKind } from '../../runtime/task-kind';

/** The give-up message says what applies to the kind of work, and to the type: StopOnDelete only where a type has it. */

interface Props {
  Input?: number;
  StopOnDelete?: boolean;
}

function jumpingClock() {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) };
  return { clock, jump: (seconds: number) => (offset += seconds * 1000) };
}

const session = SessionProxy.getSession({ ...LOCAL_AWS.credentials }, LOCAL_AWS.region)!;

/** Runs a create whose work never ends until the 2-minute handler limit is near, and returns how it failed. */
async function giveUp<Work>(kind: TaskKind<Work>, props: Props): Promise<{ errorCode: string; message: string }> {
  const { clock, jump } = jumpingClock();
  const lifecycle = new TaskLifecycle(kind, {
    typeName: 'Orch::Test::Endless',
    schema: { handlers: { create: { timeoutInMinutes: 2 } } },
    policy: { ...DEFAULT_POLICY, windowSeconds: 0.2 },
    clock,
  });
  const request: any = { clientRequestToken: randomUUID(), logicalResourceIdentifier: 'Endless', region: LOCAL_AWS.region, desiredResourceState: props };
  const first = await lifecycle.create(session, request, {});
  expect(first.status).toBe('IN_PROGRESS');
  jump(110); // the next hop would end inside the safety margin before 2 minutes
  return lifecycle.create(session, { ...request, desiredResourceState: first.resourceModel }, first.callbackContext!).then(
    () => ({ errorCode: 'none', message: 'it did not give up' }),
    (err) => ({ errorCode: err.errorCode, message: err.message }),
  );
}

function endlessExecution(stopOnDeleteProperty?: 'StopOnDelete', keptRunning?: (props: Props, work: { id: string }) => string | undefined) {
  const stops: string[] = [];
  const kind = startThenPoll<Props, { id: string }>({
    rerunOn: ['Input'],
    stopOnDeleteProperty,
    keptRunning,
    start: async () => ({ work: { id: 'w' }, attributes: {} }),
    poll: async () => ({ done: false }),
    stop: async (_ctx, work) => void stops.push(work.id),
  });
  return { kind, stops };
}

test('start then poll, in a type without a StopOnDelete property: the work is stopped, and the message does not mention the property', async () => {
  const { kind, stops } = endlessExecution();
  const { errorCode, message } = await giveUp(kind, { Input: 1, StopOnDelete: false });
  expect(errorCode).toBe('NotStabilized');
  expect(message).toMatch(/^Orch::Test::Endless 'Endless-[0-9a-f]{24}': the work was still running when the create handler's 2-minute limit was near; it was stopped\. Split it into shorter tasks\.$/);
  expect(stops).toEqual(['w']);
});

test('start then poll, with StopOnDelete false: the work is left running, and the message says why', async () => {
  const { kind, stops } = endlessExecution('StopOnDelete');
  const { message } = await giveUp(kind, { Input: 1, StopOnDelete: false });
  expect(message).toContain("the create handler's 2-minute limit was near (StopOnDelete is false, so it was left running). Split it into shorter tasks.");
  expect(stops).toEqual([]);
});

test('start then poll, with work the type keeps running (not its own): left running whatever StopOnDelete says, and the message gives the type\'s reason', async () => {
  const { kind, stops } = endlessExecution('StopOnDelete', () => 'the resource follows work it did not start');
  const { errorCode, message } = await giveUp(kind, { Input: 1, StopOnDelete: true });
  expect(errorCode).toBe('NotStabilized');
  expect(message).toContain("limit was near (the resource follows work it did not start, so it was left running). Split it into shorter tasks.");
  expect(stops).toEqual([]);
});

test('an idempotent attempt: nothing runs between attempts, so nothing is stopped; the advice is the type\'s own', async () => {
  let attempts = 0;
  const kind = idempotentAttempt<Props>({
    rerunOn: ['Input'],
    giveUpAdvice: 'Publish less per resource.',
    attempt: async () => {
      attempts++;
      return { done: false };
    },
  });
  const { errorCode, message } = await giveUp(kind, { Input: 1 });
  expect(errorCode).toBe('NotStabilized');
  expect(message).toMatch(/: no attempt finished before the create handler's 2-minute limit was near, and an unfinished attempt leaves nothing done\. Publish less per resource\.$/);
  expect(message).not.toMatch(/StopOnDelete|stopped|Split/);
  expect(attempts).toBe(2); // one per invocation: an attempt is not repeated inside one
});

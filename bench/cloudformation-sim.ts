import { invocationCostUsd } from './cost';
import { PolicyUnderTest } from './policies';
import { VirtualClock } from './virtual-clock';

/** Fixed cost of every handler invocation (dispatch, start-up, request parsing), spent before it polls. */
export const INVOCATION_OVERHEAD_MS = 300;

/** The operation's state at the start of an invocation: a run can resume from here. */
export interface Checkpoint {
  readonly atMs: number;
  readonly invocations: number;
  readonly longestInvocationMs: number;
  readonly costUsd: number;
}

export interface SimulatedOperation extends Checkpoint {
  /** From the end of the work to the poll that saw it; the invocation returns SUCCESS right after that poll. */
  readonly lagMs: number;
  /** Start of the invocation that saw the end, and of the one before it (undefined when none ran before it here). */
  readonly lastStartMs: number;
  readonly previousStartMs?: number;
}

export interface SimulationOptions {
  readonly overheadMs?: number;
  /** Resume here instead of at the first invocation: exact for work that ends after this point. */
  readonly from?: Checkpoint;
  readonly onInvocation?: (checkpoint: Checkpoint) => void;
  readonly onPoll?: (atMs: number, invocation: number) => void;
}

const DONE = { done: true, result: true } as const;
const NOT_DONE = { done: false } as const;

/**
 * Plays CloudFormation for one create whose work ends `endMs` after it started: invokes the handler, and while
 * the handler answers IN_PROGRESS waits callbackDelaySeconds and invokes it again. The first invocation starts
 * the work once its overhead is spent, so times are virtual ms relative to the start of the work.
 */
export async function simulateOperation(policy: PolicyUnderTest, endMs: number, options: SimulationOptions = {}): Promise<SimulatedOperation> {
  const overheadMs = options.overheadMs ?? INVOCATION_OVERHEAD_MS;
  let state: Checkpoint = options.from ?? { atMs: -overheadMs, invocations: 0, longestInvocationMs: 0, costUsd: 0 };
  const clock = new VirtualClock(state.atMs);
  const poll = async () => {
    options.onPoll?.(clock.now(), state.invocations);
    return clock.now() >= endMs ? DONE : NOT_DONE;
  };
  let previousStartMs: number | undefined;
  for (;;) {
    options.onInvocation?.(state);
    const startedAt = clock.now();
    clock.advance(overheadMs);
    const result = await policy.invoke(poll, clock, 0);
    const durationMs = clock.now() - startedAt;
    const ended = {
      atMs: clock.now(),
      invocations: state.invocations + 1,
      longestInvocationMs: Math.max(state.longestInvocationMs, durationMs),
      costUsd: state.costUsd + invocationCostUsd(durationMs),
    };
    if (result.done) return { ...ended, lagMs: clock.now() - endMs, lastStartMs: startedAt, previousStartMs };
    previousStartMs = startedAt;
    clock.advance(result.callbackDelaySeconds * 1000);
    state = { ...ended, atMs: clock.now() };
  }
}

import { DEFAULT_POLICY, hasTimeForAnotherHop } from '../runtime/backoff';
import schema from '../resource-types/stepfunctions-task/orch-stepfunctions-task.json';
import { Checkpoint, INVOCATION_OVERHEAD_MS, simulateOperation } from './cloudformation-sim';
import { OURS, PolicyUnderTest, POLICIES } from './policies';
import { allowedLagMs } from './targets';

export const DURATIONS = [
  { label: '10 s', seconds: 10 },
  { label: '1 min', seconds: 60 },
  { label: '1 h', seconds: 3600 },
  { label: '36 h', seconds: 36 * 3600 },
] as const;

const SWEEP_POINTS = 200;

/** One policy and one execution duration; lag and invocation length are the worst over the swept end times. */
export interface DurationResult {
  readonly policy: string;
  readonly duration: string;
  readonly durationSeconds: number;
  /** Invocations and cost for an execution that lasts exactly the duration. */
  readonly invocations: number;
  readonly costUsd: number;
  readonly worstLagSeconds: number;
  /** End time (s after the start) that produced the worst lag. */
  readonly worstLagAtSeconds: number;
  /** Largest (lag - max(2 s, 10% of elapsed)) over the sweep: above 0 breaks the lag target. */
  readonly worstLagOverBudgetSeconds: number;
  readonly longestInvocationSeconds: number;
  readonly sweep: { readonly fromSeconds: number; readonly toSeconds: number; readonly endTimes: number };
}

/** Lag over every possible end time up to a horizon, from the gaps between consecutive polls of one run. */
export interface LagBound {
  readonly policy: string;
  readonly overheadSeconds: number;
  readonly horizonSeconds: number;
  readonly maxLagSeconds: number;
  readonly worstOverBudgetSeconds: number;
  /** End time (s after the start) that suffers the worst excess. */
  readonly worstOverBudgetAtSeconds: number;
  /** How many poll gaps exceed the budget, of how many. */
  readonly gapsOverBudget: number;
  readonly gaps: number;
  /** The last poll of the first invocation: work ending by then is seen without a callback. */
  readonly firstInvocationCoversSeconds: number;
  readonly firstInvocationMaxGapSeconds: number;
}

export interface SimulationResult {
  readonly overheadSeconds: number;
  readonly durations: DurationResult[];
  readonly lagBounds: LagBound[];
  /** Ours with no invocation overhead: what the policy alone guarantees. */
  readonly oursWithoutOverhead: LagBound;
  /** The create handler's timeout in the schema, and the elapsed time after which the lifecycle stops following. */
  readonly timeoutMinutes: number;
  readonly followLimitSeconds: number;
}

const s = (ms: number) => ms / 1000;

/**
 * Runs the operation for an execution of exactly `seconds`, then for end times across the hop before it (from the
 * start of the previous invocation to the start of the one that saw the end): SWEEP_POINTS evenly spread, plus
 * 1 ms after every poll in the hop, where the worst lag lives. Runs before the hop are identical whatever the end
 * time, so the sweep resumes from the last checkpoint before it.
 */
export async function worstCase(policy: PolicyUnderTest, label: string, seconds: number): Promise<DurationResult> {
  const endMs = seconds * 1000;
  const checkpoints: Checkpoint[] = [];
  const polls: number[] = [];
  const exact = await simulateOperation(policy, endMs, { onInvocation: (c) => checkpoints.push(c), onPoll: (at) => polls.push(at) });
  const hopMs = exact.previousStartMs === undefined ? endMs : exact.lastStartMs - exact.previousStartMs;
  const fromMs = Math.max(1, endMs - hopMs);
  const from = checkpoints.filter((c) => c.atMs <= fromMs).pop();
  const endTimes = [
    ...Array.from({ length: SWEEP_POINTS }, (_, i) => fromMs + ((endMs - fromMs) * i) / (SWEEP_POINTS - 1)),
    ...polls.filter((at) => at >= fromMs && at < endMs).map((at) => at + 1),
  ];
  let worst = { lagMs: -1, atMs: 0, overBudgetMs: -Infinity, longestMs: 0 };
  for (const atMs of endTimes) {
    const run = await simulateOperation(policy, atMs, { from });
    if (run.lagMs > worst.lagMs) worst = { ...worst, lagMs: run.lagMs, atMs };
    worst.overBudgetMs = Math.max(worst.overBudgetMs, run.lagMs - allowedLagMs(atMs));
    worst.longestMs = Math.max(worst.longestMs, run.longestInvocationMs);
  }
  return {
    policy: policy.key,
    duration: label,
    durationSeconds: seconds,
    invocations: exact.invocations,
    costUsd: exact.costUsd,
    worstLagSeconds: s(worst.lagMs),
    worstLagAtSeconds: s(worst.atMs),
    worstLagOverBudgetSeconds: s(worst.overBudgetMs),
    longestInvocationSeconds: s(worst.longestMs),
    sweep: { fromSeconds: s(fromMs), toSeconds: seconds, endTimes: endTimes.length },
  };
}

/**
 * Work that ends just after a poll is seen at the next poll, so the worst lag for any end time is the gap it falls
 * in. One run whose work outlasts the horizon yields every gap, hence the bound over all end times.
 */
export async function lagBound(policy: PolicyUnderTest, horizonSeconds: number, overheadMs = INVOCATION_OVERHEAD_MS): Promise<LagBound> {
  let previousMs: number | undefined;
  const b = { maxLagMs: 0, overBudgetMs: -Infinity, overBudgetAtMs: 0, gapsOverBudget: 0, gaps: 0, firstCoversMs: 0, firstMaxGapMs: 0 };
  const onPoll = (atMs: number, invocation: number) => {
    if (previousMs !== undefined) {
      const gapMs = atMs - previousMs;
      const overBudgetMs = gapMs - allowedLagMs(previousMs);
      b.gaps += 1;
      b.maxLagMs = Math.max(b.maxLagMs, gapMs);
      if (overBudgetMs > 0.001) b.gapsOverBudget += 1;
      if (overBudgetMs > b.overBudgetMs) Object.assign(b, { overBudgetMs, overBudgetAtMs: previousMs + 1 });
      if (invocation === 0) b.firstMaxGapMs = Math.max(b.firstMaxGapMs, gapMs);
    }
    if (invocation === 0) b.firstCoversMs = atMs;
    previousMs = atMs;
  };
  await simulateOperation(policy, horizonSeconds * 1000, { overheadMs, onPoll });
  return {
    policy: policy.key,
    overheadSeconds: s(overheadMs),
    horizonSeconds,
    maxLagSeconds: s(b.maxLagMs),
    worstOverBudgetSeconds: s(b.overBudgetMs),
    worstOverBudgetAtSeconds: s(b.overBudgetAtMs),
    gapsOverBudget: b.gapsOverBudget,
    gaps: b.gaps,
    firstInvocationCoversSeconds: s(b.firstCoversMs),
    firstInvocationMaxGapSeconds: s(b.firstMaxGapMs),
  };
}

/** The largest elapsed time at which the lifecycle still starts another hop under the schema's timeout. */
function followLimitSeconds(timeoutMinutes: number): number {
  let seconds = timeoutMinutes * 60;
  while (seconds > 0 && !hasTimeForAnotherHop(DEFAULT_POLICY, seconds, timeoutMinutes)) seconds -= 1;
  return seconds;
}

export async function simulatePolicies(): Promise<SimulationResult> {
  const durations: DurationResult[] = [];
  for (const { label, seconds } of DURATIONS) {
    for (const policy of POLICIES) durations.push(await worstCase(policy, label, seconds));
  }
  const horizon = DURATIONS[DURATIONS.length - 1].seconds;
  const lagBounds: LagBound[] = [];
  for (const policy of POLICIES) lagBounds.push(await lagBound(policy, horizon));
  const timeoutMinutes = schema.handlers.create.timeoutInMinutes;
  return {
    overheadSeconds: s(INVOCATION_OVERHEAD_MS),
    durations,
    lagBounds,
    oursWithoutOverhead: await lagBound(OURS, horizon, 0),
    timeoutMinutes,
    followLimitSeconds: followLimitSeconds(timeoutMinutes),
  };
}

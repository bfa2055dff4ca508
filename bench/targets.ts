import { DEFAULT_POLICY } from '../runtime/backoff';
import { ratio, sec, span, usd } from './format';
import { FIVE_SECOND_POLLER, OURS } from './policies';
import { DurationResult, LagBound, SimulationResult } from './simulation';

/** The lag budget for work that ended `elapsedMs` after it started: max(2 s, 10% of elapsed), never above 60 s. */
export function allowedLagMs(elapsedMs: number): number {
  return Math.min(60_000, Math.max(2_000, 0.1 * elapsedMs));
}

export interface TargetResult {
  readonly target: string;
  readonly pass: boolean;
  readonly detail: string;
}

const TOLERANCE_S = 0.001; // float noise in virtual time
const within = (value: number, limit: number) => value <= limit + TOLERANCE_S;

export function evaluateTargets(sim: SimulationResult): TargetResult[] {
  const row = (policy: string, duration: string) => sim.durations.find((r) => r.policy === policy && r.duration === duration) as DurationResult;
  const bound = sim.lagBounds.find((b) => b.policy === OURS.key) as LagBound;
  const alone = sim.oursWithoutOverhead;
  const ours10s = row(OURS.key, '10 s');
  const base10s = row(FIVE_SECOND_POLLER.key, '10 s');
  const ours1h = row(OURS.key, '1 h');
  const base1h = row(FIVE_SECOND_POLLER.key, '1 h');
  const singleWindowS = DEFAULT_POLICY.windowSeconds - DEFAULT_POLICY.maxPollSeconds;
  const sweepOverBudget = Math.max(...sim.durations.filter((r) => r.policy === OURS.key).map((r) => r.worstLagOverBudgetSeconds));

  return [
    {
      target: `work ending within ~${DEFAULT_POLICY.windowSeconds} s is seen within 2 s in a single invocation`,
      pass: within(bound.firstInvocationMaxGapSeconds, 2) && bound.firstInvocationCoversSeconds >= singleWindowS && ours10s.invocations === 1 && within(ours10s.worstLagSeconds, 2),
      detail:
        `the first invocation polls until ${sec(bound.firstInvocationCoversSeconds)} (needed: >= ${singleWindowS} s, the window less one poll interval), ` +
        `worst lag in it ${sec(bound.firstInvocationMaxGapSeconds)}; 10-s execution: ${ours10s.invocations} invocation, worst lag ${sec(ours10s.worstLagSeconds)} ` +
        `(${ratio(ours10s.worstLagSeconds, base10s.worstLagSeconds)} of the 5-s poller's ${sec(base10s.worstLagSeconds)} over ${base10s.invocations} invocations)`,
    },
    {
      target: '1-h execution: <= 60 invocations, none billed beyond 30 s',
      pass: ours1h.invocations <= 60 && within(ours1h.longestInvocationSeconds, 30),
      detail:
        `${ours1h.invocations} invocations (${ratio(ours1h.invocations, base1h.invocations)} of the 5-s poller's ${base1h.invocations}), ` +
        `longest invocation ${sec(ours1h.longestInvocationSeconds)}, cost ${usd(ours1h.costUsd)} (${ratio(ours1h.costUsd, base1h.costUsd)} of ${usd(base1h.costUsd)})`,
    },
    {
      target: 'detection lag never above max(2 s, 10% of elapsed) (budget capped at 60 s)',
      pass: within(bound.worstOverBudgetSeconds, 0) && within(sweepOverBudget, 0),
      detail:
        `over every end time up to ${span(bound.horizonSeconds)}: ${bound.gapsOverBudget} of ${bound.gaps} poll gaps exceed the budget, ` +
        `worst by ${bound.worstOverBudgetSeconds.toFixed(2)} s (work ending ${span(bound.worstOverBudgetAtSeconds)} after it started); ` +
        `per-duration sweeps: worst ${sweepOverBudget.toFixed(2)} s over. With 0 s invocation overhead: ${alone.gapsOverBudget} gaps over`,
    },
    {
      target: 'detection lag never above 60 s',
      pass: within(bound.maxLagSeconds, 60),
      detail: `largest poll gap up to ${span(bound.horizonSeconds)}: ${bound.maxLagSeconds.toFixed(2)} s (with 0 s invocation overhead: ${alone.maxLagSeconds.toFixed(2)} s)`,
    },
  ];
}

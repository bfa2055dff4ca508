/**
 * Issue 9's speed targets, as ratios against baselines measured in the same run (no timed assertions in tests):
 * the cold READ against the fresh `cfn init` package's (package-size.ts), and the detection lag of a short Step
 * Functions execution on moto (moto-measure.ts).
 */
import type { WaitMeasurement } from './moto-measure';
import type { ColdLoad } from './package-size';
import type { TargetResult } from './targets';

export const SPEED_TARGETS = {
  /** First READ response ready (process start -> the library's wait line), as a multiple of the baseline's. */
  maxReadyRatio: 0.8,
  /** First READ answered (process start -> entrypoint resolved), as a multiple of the baseline's, its fixed 1 s included. */
  maxAnsweredRatio: 0.25,
  /** Lag from a short execution's stopDate to the SUCCESS event, seconds: the 0.5 s poll interval is the floor. */
  maxShortLagSeconds: 0.6,
  /** Executions up to this long count as short: the handler polls every 0.5 s until 5 s have passed. */
  shortWaitSeconds: 5,
} as const;

const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}x`;

/** The two cold-start ratios of one type against the baseline, in package-size.ts's target rows. */
export function coldStartTargets(typeName: string, ours: ColdLoad, baseline: ColdLoad): { typeName: string; target: string; value: string; pass: boolean }[] {
  const ready = ours.readyMs ?? ours.answeredMs;
  const baseReady = baseline.readyMs ?? baseline.answeredMs;
  return [
    {
      typeName,
      target: `first READ ready <= ${SPEED_TARGETS.maxReadyRatio} x the cfn init baseline's (medians, same run)`,
      value: `${ratio(ready, baseReady)} (${ready.toFixed(0)} vs ${baseReady.toFixed(0)} ms)`,
      pass: ready / baseReady <= SPEED_TARGETS.maxReadyRatio,
    },
    {
      typeName,
      target: `first READ answered <= ${SPEED_TARGETS.maxAnsweredRatio} x the cfn init baseline's (its fixed 1 s included)`,
      value: `${ratio(ours.answeredMs, baseline.answeredMs)} (${ours.answeredMs.toFixed(0)} vs ${baseline.answeredMs.toFixed(0)} ms)`,
      pass: ours.answeredMs / baseline.answeredMs <= SPEED_TARGETS.maxAnsweredRatio,
    },
  ];
}

/** The detection-lag target on moto: the short Wait through the handler, against the bare poller on the same Wait. */
export function motoLagTargets(measurements: WaitMeasurement[]): TargetResult[] {
  const short = measurements.filter((m) => m.waitSeconds <= SPEED_TARGETS.shortWaitSeconds);
  if (!short.length) return [];
  return short.map((m) => ({
    target: `${m.waitSeconds}-s execution on moto: lag from its stop to SUCCESS <= ${SPEED_TARGETS.maxShortLagSeconds} s`,
    pass: m.ours.lagSeconds <= SPEED_TARGETS.maxShortLagSeconds,
    detail:
      `${m.ours.lagSeconds.toFixed(2)} s over ${m.ours.invocations} invocation(s) ` +
      `(the bare 5-s DescribeExecution loop on the same Wait: ${m.baseline.lagSeconds.toFixed(2)} s, its best case)`,
  }));
}

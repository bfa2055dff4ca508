/**
 * The polling policy, as pure functions of the time elapsed since the work started.
 *
 * Inside one invocation the handler polls at most every 2 s, so work that ends within the poll window is seen
 * within 2 s without a second invocation. Between invocations it waits a tenth of the elapsed time (at most
 * 60 s), so detection lag stays under max(2 s, 10% of the elapsed time) while a long run needs few invocations.
 */

export interface BackoffPolicy {
  /** Seconds one invocation keeps polling before handing back to CloudFormation. */
  readonly windowSeconds: number;
  /** Fraction of the elapsed time allowed as detection lag. */
  readonly lagFraction: number;
  /** Shortest and longest sleep between polls inside one invocation. */
  readonly minPollSeconds: number;
  readonly maxPollSeconds: number;
  /** Longest detection lag between invocations: the callback delay plus the hand-over margin stays under it. */
  readonly maxCallbackDelaySeconds: number;
  /**
   * What a hand-over to CloudFormation costs on top of callbackDelaySeconds: the cfn library's log delivery at the
   * end of the invocation (its setup and one PutLogEvents per line when CloudFormation sends a log group; no fixed
   * sleep since log-drain.ts) and CloudFormation's re-invocation. Taken off the delay so the detection lag, not just
   * the delay, stays within its budget.
   */
  readonly handOverSeconds: number;
}

export const DEFAULT_POLICY: BackoffPolicy = {
  windowSeconds: 25,
  lagFraction: 0.1,
  minPollSeconds: 0.5,
  maxPollSeconds: 2,
  maxCallbackDelaySeconds: 60,
  handOverSeconds: 2,
};

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

export function pollIntervalSeconds(policy: BackoffPolicy, elapsedSeconds: number): number {
  return clamp(policy.lagFraction * elapsedSeconds, policy.minPollSeconds, policy.maxPollSeconds);
}

/** Whole seconds, at least 1: CloudFormation takes an integer delay. */
export function callbackDelaySeconds(policy: BackoffPolicy, elapsedSeconds: number): number {
  const budget = Math.min(policy.lagFraction * elapsedSeconds, policy.maxCallbackDelaySeconds);
  return Math.max(1, Math.floor(budget - policy.handOverSeconds));
}

/**
 * Whether another hop (a callback delay plus a poll window) could still end before CloudFormation's handler
 * timeout, with a safety margin for CloudFormation's own scheduling. When it cannot, the handler fails
 * cleanly instead of letting CloudFormation time it out.
 */
export function hasTimeForAnotherHop(policy: BackoffPolicy, operationElapsedSeconds: number, timeoutMinutes: number): boolean {
  const safetyMarginSeconds = Math.min(300, timeoutMinutes * 6); // 5 min, or 10% of very short timeouts
  const hop = callbackDelaySeconds(policy, operationElapsedSeconds) + policy.windowSeconds;
  return operationElapsedSeconds + hop + safetyMarginSeconds <= timeoutMinutes * 60;
}

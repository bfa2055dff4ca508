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
  /** Longest callbackDelaySeconds between invocations. */
  readonly maxCallbackDelaySeconds: number;
}

export const DEFAULT_POLICY: BackoffPolicy = {
  windowSeconds: 25,
  lagFraction: 0.1,
  minPollSeconds: 0.5,
  maxPollSeconds: 2,
  maxCallbackDelaySeconds: 60,
};

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

export function pollIntervalSeconds(policy: BackoffPolicy, elapsedSeconds: number): number {
  return clamp(policy.lagFraction * elapsedSeconds, policy.minPollSeconds, policy.maxPollSeconds);
}

/** Whole seconds, at least 1: CloudFormation takes an integer delay. */
export function callbackDelaySeconds(policy: BackoffPolicy, elapsedSeconds: number): number {
  return clamp(Math.floor(policy.lagFraction * elapsedSeconds), 1, policy.maxCallbackDelaySeconds);
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

import { BackoffPolicy, callbackDelaySeconds, pollIntervalSeconds } from './backoff';

/** Time as the poller sees it; the benchmark swaps in a simulated clock. */
export interface Clock {
  now(): number; // milliseconds since the epoch
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type PollResult<R> = { readonly done: true; readonly result: R } | { readonly done: false };

export type FollowResult<R> =
  | { readonly done: true; readonly result: R }
  | { readonly done: false; readonly callbackDelaySeconds: number };

export interface FollowOptions {
  readonly policy: BackoffPolicy;
  /** When the followed work started (ms since the epoch): the backoff grows with its age. */
  readonly workStartedAt: number;
  readonly clock?: Clock;
}

/**
 * Polls until the work is done or this invocation's poll window is spent, then says how long CloudFormation
 * should wait before the next invocation. The window starts when `follow` is called.
 */
export async function follow<R>(poll: () => Promise<PollResult<R>>, options: FollowOptions): Promise<FollowResult<R>> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const windowEnd = clock.now() + options.policy.windowSeconds * 1000;
  for (;;) {
    const result = await poll();
    if (result.done) return result;
    const elapsed = (clock.now() - options.workStartedAt) / 1000;
    const interval = pollIntervalSeconds(options.policy, elapsed) * 1000;
    if (clock.now() + interval > windowEnd) {
      return { done: false, callbackDelaySeconds: callbackDelaySeconds(options.policy, elapsed) };
    }
    await clock.sleep(interval);
  }
}

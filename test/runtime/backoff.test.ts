import { BackoffPolicy, callbackDelaySeconds, DEFAULT_POLICY, hasTimeForAnotherHop, pollIntervalSeconds } from '../../runtime/backoff';
import { Clock, follow, PollResult } from '../../runtime/progress';

/** Virtual time: sleeping only moves the clock, so nothing here waits or depends on the machine's speed. */
class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t: number) {}
  now() {
    return this.t;
  }
  async sleep(ms: number) {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

const policy: BackoffPolicy = DEFAULT_POLICY;
const T0 = Date.UTC(2030, 0, 1);

/** Values around every clamp. */
const EDGES = [0, 0.001, 4.99, 5, 5.01, 9.99, 10, 19.99, 20, 20.01, 599, 600, 601, 3600, 36 * 3600, 1e7];

/** A deterministic spread over 36 h, in one test rather than thousands. */
const SPREAD = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) * 25.92 + (i % 7) / 7);

describe('pollIntervalSeconds', () => {
  const withinBounds = (elapsed: number) => {
    const interval = pollIntervalSeconds(policy, elapsed);
    return interval >= 0.5 && interval <= 2;
  };

  test.each(EDGES)('at %f s elapsed stays within [0.5, 2] s', (elapsed) => {
    expect(withinBounds(elapsed)).toBe(true);
  });

  test('stays within [0.5, 2] s over 36 hours', () => {
    expect(SPREAD.filter((e) => !withinBounds(e))).toEqual([]);
  });

  test('grows with the elapsed time', () => {
    expect(pollIntervalSeconds(policy, 1)).toBe(0.5);
    expect(pollIntervalSeconds(policy, 10)).toBe(1);
    expect(pollIntervalSeconds(policy, 1000)).toBe(2);
  });
});

describe('callbackDelaySeconds', () => {
  const isValidDelay = (elapsed: number) => {
    const delay = callbackDelaySeconds(policy, elapsed);
    return Number.isInteger(delay) && delay >= 1 && delay <= 60 && delay <= Math.max(2, 0.1 * elapsed);
  };

  test.each(EDGES)('at %f s elapsed is a whole number of seconds in [1, 60] and ≤ max(2, 10%% of elapsed)', (elapsed) => {
    expect(isValidDelay(elapsed)).toBe(true);
  });

  test('holds the same bounds over 36 hours', () => {
    expect(SPREAD.filter((e) => !isValidDelay(e))).toEqual([]);
  });

  test('reaches its cap for long runs, leaving room for the hand-over within 60 s', () => {
    expect(callbackDelaySeconds(policy, 36 * 3600)).toBe(60 - policy.handOverSeconds);
  });

  test('leaves the hand-over margin inside the lag budget once past the first poll window', () => {
    const over = SPREAD.filter((e) => e >= policy.windowSeconds && callbackDelaySeconds(policy, e) + policy.handOverSeconds > Math.max(3, 0.1 * e));
    expect(over).toEqual([]);
  });
});

describe('follow', () => {
  /** A poll that reports done on its `doneOn`-th call (never when undefined), each call taking `latencyMs`. */
  function poller(clock: FakeClock, doneOn?: number, latencyMs = 0) {
    const calls: number[] = [];
    const poll = async (): Promise<PollResult<string>> => {
      calls.push(clock.now());
      clock.t += latencyMs;
      return calls.length === doneOn ? { done: true, result: `result-${calls.length}` } : { done: false };
    };
    return { poll, calls };
  }

  test.each([1, 2, 5, 12])('returns as soon as the poll says done (on call %i)', async (doneOn) => {
    const clock = new FakeClock(T0);
    const { poll, calls } = poller(clock, doneOn);
    const result = await follow(poll, { policy, workStartedAt: T0, clock });
    expect(result).toEqual({ done: true, result: `result-${doneOn}` });
    expect(calls).toHaveLength(doneOn);
    expect(clock.sleeps).toHaveLength(doneOn - 1);
  });

  test.each([
    ['fresh work, instant polls', 0, 0],
    ['fresh work, slow polls', 0, 700],
    ['work started 5 minutes ago', 300, 150],
    ['work started 30 hours ago', 30 * 3600, 150],
  ])('%s: stops polling inside the window and hands back a callback delay', async (_name, ageSeconds, latencyMs) => {
    const clock = new FakeClock(T0);
    const workStartedAt = T0 - ageSeconds * 1000;
    const windowEnd = T0 + policy.windowSeconds * 1000;
    const { poll, calls } = poller(clock, undefined, latencyMs);

    const result = await follow(poll, { policy, workStartedAt, clock });

    expect(result.done).toBe(false);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((t) => t <= windowEnd)).toBe(true);
    // Detection lag inside the window: consecutive polls start at most 2 s (+ the poll's own latency) apart.
    for (let i = 1; i < calls.length; i++) expect(calls[i] - calls[i - 1]).toBeLessThanOrEqual(2000 + latencyMs);
    expect(clock.sleeps.every((ms) => ms >= 500 && ms <= 2000)).toBe(true);
    if (result.done) return;
    const elapsed = (clock.now() - workStartedAt) / 1000;
    expect(Number.isInteger(result.callbackDelaySeconds)).toBe(true);
    expect(result.callbackDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(result.callbackDelaySeconds).toBeLessThanOrEqual(Math.min(60, Math.max(2, 0.1 * elapsed)));
  });

  test('the window is counted from the call, not from when the work started', async () => {
    const clock = new FakeClock(T0);
    const { poll, calls } = poller(clock);
    await follow(poll, { policy, workStartedAt: T0 - 3600_000, clock });
    // A window counted from workStartedAt would already be over and allow only one poll.
    expect(clock.now() - T0).toBeGreaterThan((policy.windowSeconds - 2) * 1000);
    expect(calls.length).toBeGreaterThan(5);
  });
});

describe('hasTimeForAnotherHop', () => {
  const timeoutMinutes = 2160;
  const timeout = timeoutMinutes * 60;

  test('is true early in the operation', () => {
    for (const elapsed of [0, 1, 60, 3600, 24 * 3600]) expect(hasTimeForAnotherHop(policy, elapsed, timeoutMinutes)).toBe(true);
  });

  test('is false as the elapsed time approaches the handler timeout', () => {
    for (const before of [0, 1, 30, 60, 120, 300]) {
      expect(hasTimeForAnotherHop(policy, timeout - before, timeoutMinutes)).toBe(false);
    }
    expect(hasTimeForAnotherHop(policy, timeout + 1, timeoutMinutes)).toBe(false);
  });

  test.each([1, 5, 60, 720, 2160])('with %i minutes: whenever it says yes, the next hop ends before the timeout, and once no it stays no', (minutes) => {
    let seenFalse = false;
    for (let elapsed = 0; elapsed <= minutes * 60; elapsed += Math.max(1, minutes / 10)) {
      const ok = hasTimeForAnotherHop(policy, elapsed, minutes);
      if (ok) {
        expect(seenFalse).toBe(false);
        expect(elapsed + callbackDelaySeconds(policy, elapsed) + policy.windowSeconds).toBeLessThanOrEqual(minutes * 60);
      } else {
        seenFalse = true;
      }
    }
    expect(seenFalse).toBe(true);
  });
});

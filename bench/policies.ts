import { DEFAULT_POLICY } from '../runtime/backoff';
import { follow, FollowResult, PollResult } from '../runtime/progress';
import { VirtualClock } from './virtual-clock';

export type Poll = () => Promise<PollResult<true>>;

/** What one handler invocation does after its fixed overhead: poll the work, then answer done or a callback delay. */
export interface PolicyUnderTest {
  readonly key: string;
  readonly name: string;
  invoke(poll: Poll, clock: VirtualClock, workStartedAt: number): Promise<FollowResult<true>>;
}

/** Ours: the production follow() with DEFAULT_POLICY, on the simulated clock. */
export const OURS: PolicyUnderTest = {
  key: 'ours',
  name: 'ours (follow + DEFAULT_POLICY)',
  invoke: (poll, clock, workStartedAt) => follow(poll, { policy: DEFAULT_POLICY, workStartedAt, clock }),
};

/** One poll per invocation and a fixed callback delay, like the CDK Provider framework's isComplete loop. */
export function fixedPoller(seconds: number): PolicyUnderTest {
  return {
    key: `fixed${seconds}s`,
    name: `fixed ${seconds}-s poller`,
    async invoke(poll) {
      const result = await poll();
      return result.done ? result : { done: false, callbackDelaySeconds: seconds };
    },
  };
}

/** The baseline every ratio is taken against. */
export const FIVE_SECOND_POLLER = fixedPoller(5);

export const POLICIES: readonly PolicyUnderTest[] = [OURS, FIVE_SECOND_POLLER, fixedPoller(30)];

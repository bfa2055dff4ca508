import { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from '../../local/local-aws';
import type { Outcome } from '../../runtime';
import type { Clock } from '../../runtime/progress';

/** Real time plus an offset that `jump` moves forward. */
export function jumpingClock() {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))) };
  return { clock, jump: (seconds: number) => (offset += seconds * 1000) };
}

/**
 * A call the test controls, for the lifecycle's at-most-once tests: `enter()` throws what `refuseWith` set, or
 * waits until `finish`; `started()` resolves once a call waits. `reset` arms it for the next request.
 */
export function gatedCall() {
  let finish!: (outcome: Outcome) => void;
  let entered!: () => void;
  let refuse: Error | undefined;
  let gate = new Promise<Outcome>((resolve) => (finish = resolve));
  let started = new Promise<void>((resolve) => (entered = resolve));
  return {
    enter(): Promise<Outcome> {
      if (refuse) throw refuse;
      entered();
      return gate;
    },
    started: () => started,
    finish: (outcome: Outcome) => finish(outcome),
    refuseWith: (err: Error | undefined) => (refuse = err),
    reset: () => {
      gate = new Promise<Outcome>((resolve) => (finish = resolve));
      started = new Promise<void>((resolve) => (entered = resolve));
    },
  };
}

export const localSession = SessionProxy.getSession({ ...LOCAL_AWS.credentials }, LOCAL_AWS.region)!;

/** A handler request as the cfn library passes it to a resource: a new client request token unless given. */
export const lifecycleRequest = (logicalId: string, props: Record<string, unknown>, token = randomUUID()): any => ({
  clientRequestToken: token,
  logicalResourceIdentifier: logicalId,
  region: LOCAL_AWS.region,
  desiredResourceState: props,
});

import { KindSpec, kindBase, Run, TaskKind, typed } from './task-kind';
import { Outcome, WorkContext } from './work-context';

/** An attempt's answer: how the work ended, or that the invocation ran out of time with nothing done. */
export type AttemptResult<P> = { readonly done: true; readonly outcome: Outcome<P> } | { readonly done: false };

/**
 * Work done whole in one invocation by an attempt that is safe to repeat, such as publishing a commit that a
 * repeated attempt finds by its trailer: each invocation makes one attempt, from the first one on, until one is
 * done. An attempt that runs out of time must leave nothing done; the next invocation attempts again.
 */
export interface IdempotentAttemptSpec<P> extends KindSpec<P> {
  /** `run.startedAt` is when the request was first seen: an earlier attempt of it cannot be older. */
  attempt(ctx: WorkContext<P>, run: Run): Promise<AttemptResult<P>>;
  /** What to change when no attempt finishes within the handler's time limit. */
  readonly giveUpAdvice: string;
}

/** The hop between two attempts: the next one may start at once. */
const NEXT_ATTEMPT_DELAY_SECONDS = 1;

export function idempotentAttempt<P>(spec: IdempotentAttemptSpec<P>): TaskKind<Run> {
  return {
    ...kindBase(spec, 'Task'),
    claimsFirst: false,
    // Nothing to start: the run is the work, and the first attempt happens in this same invocation.
    begin: async (_ctx, run) => ({ work: run, attributes: {} }),
    async advance(ctx, run) {
      const result = await spec.attempt(typed<P>(ctx), run);
      return result.done ? { done: true, result: result.outcome as Outcome } : { done: false, callbackDelaySeconds: NEXT_ATTEMPT_DELAY_SECONDS };
    },
    // Between attempts nothing runs.
    release: async () => false,
    giveUp: async (_ctx, _run, limit) => ({
      stopped: false,
      message: `no attempt finished before ${limit} was near, and an unfinished attempt leaves nothing done. ${spec.giveUpAdvice}`,
    }),
  };
}

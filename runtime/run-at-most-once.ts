import { INVOCATION_BUDGET_SECONDS } from './contract';
import { NotStabilizedError } from './errors';
import { KindSpec, kindBase, TaskKind, typed } from './task-kind';
import { Outcome, WorkContext } from './work-context';

/**
 * Work whose one call cannot safely be repeated, because the service takes no idempotency token (Lambda's Invoke):
 * the lifecycle records the run as claimed before the call, and a re-sent request never calls again. It adopts
 * the recorded outcome, waits for a claim whose call may still be under way, or fails saying the outcome is
 * unknown; a run that ended (well, badly, or unknown) keeps its record, so every later re-send finds it too.
 */
export interface RunAtMostOnceSpec<P> extends KindSpec<P> {
  /**
   * The single call, made after the claim is recorded. It throws only when the work certainly did not run (the
   * claim is then removed, so a retried request runs it); an outcome it cannot know is a failed outcome saying so.
   */
  run(ctx: WorkContext<P>, name: string, action: 'create' | 'update'): Promise<Outcome<P>>;
  /**
   * The single call of a delete, made once as `run` is: claimed in the record before the call, never repeated for a
   * re-send of the same request, and only for a resource a create or update made. @default a delete calls nothing
   */
  runOnDelete?(ctx: WorkContext<P>, name: string): Promise<Outcome<P>>;
}

/** The work of a run at most once: its outcome, known when the call returns. */
export interface RanOnce {
  readonly outcome: Outcome;
}

export function runAtMostOnce<P>(spec: RunAtMostOnceSpec<P>): TaskKind<RanOnce> {
  return {
    ...kindBase(spec, 'Task'),
    claimsFirst: true,
    async begin(ctx, run) {
      const outcome = (await spec.run(typed<P>(ctx), run.name, run.action ?? 'create')) as Outcome;
      return { work: { outcome }, attributes: outcome.attributes };
    },
    ...(spec.runOnDelete && { onDelete: async (ctx, run) => (await spec.runOnDelete!(typed<P>(ctx), run.name)) as Outcome }),
    advance: async (_ctx, work) => ({ done: true, result: work.outcome }),
    // The call has returned by the time anything is recorded after it: nothing runs to stop.
    release: async () => false,
    giveUp: async (_ctx, _work, limit) => ({ stopped: false, message: `the work had not ended when ${limit} was near.` }),
  };
}

/**
 * How long a claimed call may still be under way: one handler invocation is cut off at the mutating budget, plus
 * a margin for the clocks of two hosts.
 */
export const ATTEMPT_LIFETIME_SECONDS = INVOCATION_BUDGET_SECONDS.mutating + 10;

/**
 * For a re-sent request that finds its run claimed but not started: wait once for the rest of the claim's
 * lifetime (one hop: each invocation is a billed handler operation), or, once the claimant must have died,
 * the outcome is unknown for good.
 */
export function claimVerdict(
  claimedAt: number,
  now: number,
  subject: string,
  rerunAdvice: string,
): { readonly waitSeconds: number } | { readonly unknown: NotStabilizedError } {
  const waited = (now - claimedAt) / 1000;
  if (waited < ATTEMPT_LIFETIME_SECONDS) return { waitSeconds: Math.max(1, Math.ceil(ATTEMPT_LIFETIME_SECONDS - waited)) };
  return {
    unknown: new NotStabilizedError(
      `${subject}: an earlier attempt of this request was interrupted at ${new Date(claimedAt).toISOString()} ` +
        `while starting the work, so whether it ran is unknown; it is not started again.${rerunAdvice ? ` ${rerunAdvice}` : ''}`,
    ),
  };
}

import { PollResult } from './progress';
import { KindSpec, kindBase, TaskKind, typed } from './task-kind';
import { Attributes, Outcome, WorkContext } from './work-context';

/**
 * Work a service runs by itself once started, such as a Step Functions execution: start it under the
 * request-scoped name (a start repeated with that name must not start it twice), poll it until it ends, stop it.
 */
export interface StartThenPollSpec<P, Work> extends KindSpec<P> {
  start(ctx: WorkContext<P>, name: string): Promise<{ readonly work: Work; readonly attributes: Attributes<P> }>;
  /** Only looks: polling has no side effects. */
  poll(ctx: WorkContext<P>, work: Work): Promise<PollResult<Outcome<P>>>;
  /** Stops the work if it still runs; stopping finished or forgotten work is not an error. */
  stop(ctx: WorkContext<P>, work: Work): Promise<void>;
  /**
   * The boolean property that lets the template keep running work when the resource is deleted or gives up
   * (true when absent). @default none: the work is always stopped
   */
  readonly stopOnDeleteProperty?: keyof P & string;
  /**
   * Why this work is never stopped, whatever stopOnDeleteProperty says (work the resource follows but did not
   * start), for messages: "it is not this resource's to stop". @default the work may be stopped
   */
  keptRunning?(props: P, work: Work): string | undefined;
}

export function startThenPoll<P, Work>(spec: StartThenPollSpec<P, Work>): TaskKind<Work> {
  /** Why the work is left running, or undefined when it is to be stopped. */
  const keeps = (props: unknown, work: Work): string | undefined => {
    const reason = spec.keptRunning?.(props as P, work);
    if (reason) return reason;
    const off = spec.stopOnDeleteProperty && (props as Record<string, unknown>)[spec.stopOnDeleteProperty] === false;
    return off ? `${spec.stopOnDeleteProperty} is false` : undefined;
  };
  const release = async (ctx: WorkContext, work: Work) => {
    if (keeps(ctx.props, work)) return false;
    await spec.stop(typed<P>(ctx), work);
    return true;
  };
  return {
    ...kindBase(spec, 'Task'),
    claimsFirst: false,
    begin: (ctx, run) => spec.start(typed<P>(ctx), run.name),
    advance: (ctx, work, follow) => follow(() => spec.poll(typed<P>(ctx), work)),
    release,
    async giveUp(ctx, work, limit) {
      const stopped = await release(ctx, work);
      const what = stopped ? '; it was stopped' : ` (${keeps(ctx.props, work)}, so it was left running)`;
      return { stopped, message: `the work was still running when ${limit} was near${what}. Split it into shorter tasks.` };
    },
  };
}

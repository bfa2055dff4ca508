import { FollowResult, PollResult } from './progress';
import { Attributes, Outcome, Props, WorkContext } from './work-context';

/**
 * What the task lifecycle drives: one way of working, made by `startThenPoll`, `runAtMostOnce` or
 * `idempotentAttempt`. A type never implements it itself; it picks the kind that says what its work does.
 */
export interface TaskKind<Work> {
  /** Properties whose change makes an update run the work again. */
  readonly rerunOn: readonly string[];
  /** Prefix of the request-scoped run name. */
  namePrefix(props: Props, logicalResourceId: string | undefined): string;
  /** What a template changes to run the work again, for messages: "Change RunToken to run it again." */
  readonly rerunAdvice: string;
  /** The run is recorded as claimed before `begin`, because `begin` cannot safely be repeated; see run-at-most-once.ts. */
  readonly claimsFirst: boolean;
  /** The first invocation's step: what is then followed, and the attributes the model gets at once. */
  begin(ctx: WorkContext, run: Run): Promise<{ readonly work: Work; readonly attributes: Attributes<Props> }>;
  /** Moves the work on inside one invocation, until it is done or the invocation should hand back. */
  advance(ctx: WorkContext, work: Work, follow: Follow): Promise<FollowResult<Outcome>>;
  /**
   * The lifecycle lets go of running work (a delete, a create that failed): stop it if the type's setting says so.
   * True when it was stopped.
   */
  release(ctx: WorkContext, work: Work): Promise<boolean>;
  /** Lets go of the work at the handler's time limit and says what became of it, after `<type> '<id>': `. */
  giveUp(ctx: WorkContext, work: Work, limit: string): Promise<{ readonly stopped: boolean; readonly message: string }>;
  /**
   * Work a delete does once, within the invocation, on a resource a create or update made (one a failed create
   * left recorded has nothing to undo), before its record goes; `ctx.props` is the recorded model. Like `begin`
   * of a kind that claims first, it throws only when the work certainly did not run. Absent: a delete only lets go
   * of running work.
   */
  readonly onDelete?: (ctx: WorkContext, run: Run) => Promise<Outcome>;
}

/** One request's run of the work: its request-scoped name, and when it began (ms since the epoch). */
export interface Run {
  readonly name: string;
  readonly startedAt: number;
  /** The operation the run belongs to, for work that differs between create and update. */
  readonly action?: 'create' | 'update';
}

/** The lifecycle's poller (its backoff policy and clock), for kinds whose work is polled. */
export type Follow = <R>(poll: () => Promise<PollResult<R>>) => Promise<FollowResult<R>>;

/** Shared by the kinds: the schema names they take, as the type's properties type them. */
export interface KindSpec<P> {
  /** Properties whose change makes an update run the work again. */
  readonly rerunOn: readonly (keyof P & string)[];
  /** Prefix of the request-scoped run name. @default the logical id */
  namePrefix?(props: P, logicalResourceId: string | undefined): string;
  /** What a template changes to run the work again, for messages. @default none */
  readonly rerunAdvice?: string;
}

/** The part of a TaskKind every kind fills in the same way from its spec. */
export function kindBase<P>(spec: KindSpec<P>, fallbackPrefix: string): Pick<TaskKind<unknown>, 'rerunOn' | 'namePrefix' | 'rerunAdvice'> {
  return {
    rerunOn: spec.rerunOn,
    rerunAdvice: spec.rerunAdvice ?? '',
    namePrefix: (props, logicalId) => spec.namePrefix?.(props as P, logicalId) ?? logicalId ?? fallbackPrefix,
  };
}

/** The one place the lifecycle's untyped properties meet a type's `ResourceProperties`. */
export const typed = <P>(ctx: WorkContext): WorkContext<P> => ctx as unknown as WorkContext<P>;

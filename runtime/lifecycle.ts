import { ProgressEvent, ResourceHandlerRequest, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { BackoffPolicy, DEFAULT_POLICY, hasTimeForAnotherHop } from './backoff';
import { findRecord, listRecords, readRecord, recordStore, workContext } from './records';
import { pollWindowSeconds } from './env';
import { GeneralServiceError, HandlerError, handlerError, internalFailure, notFound, notStabilized } from './errors';
import { claimVerdict } from './run-at-most-once';
import { requestIdentity, requestScopedName } from './identity';
import { Clock, follow, FollowResult, SYSTEM_CLOCK } from './progress';
import { digestOf, withoutNulls } from './stable-json';
import { Follow, TaskKind } from './task-kind';
import { claimed, failed, failureOf, isRunning, resourceExists, runningWork, started, stopped, succeeded, TaskRecordState } from './task-state';
import { TaskRecord, TaskStore } from './task-store';
import { transientDelaySeconds, transientHop } from './transient-retry';
import { Outcome, Props, toProps, WorkContext } from './work-context';

export interface CallbackContext<Work> {
  readonly id: string;
  /** The request-scoped run name. */
  readonly run: string;
  readonly work: Work;
  readonly operationStartedAt: number;
  readonly workStartedAt: number;
  /** Hops in a row that followed a transient error. */
  readonly transientErrors?: number;
}

type Action = 'create' | 'update';
type Event<Work> = ProgressEvent<any, CallbackContext<Work>>;
type Request = ResourceHandlerRequest<any> & { stackId?: string };
type Store<Work> = TaskStore<Props, TaskRecordState<Work>>;
type Rec<Work> = TaskRecord<Props, TaskRecordState<Work>>;

export interface LifecycleOptions {
  readonly typeName: string;
  /** The type's schema: handler timeouts come from it. */
  readonly schema: { handlers?: Record<string, { permissions?: string[]; timeoutInMinutes?: number }> };
  readonly policy?: BackoffPolicy;
  readonly clock?: Clock;
}

/**
 * create, update, delete, read and list for a resource whose work may run longer than one invocation, whatever
 * its kind (task-kind.ts): the task record, the re-sent request, rollback to the last good run, transient-error
 * hops and the handler's time limit are handled here, once.
 */
export class TaskLifecycle<Work> {
  private readonly policy: BackoffPolicy;
  private readonly clock: Clock;

  constructor(private readonly kind: TaskKind<Work>, private readonly options: LifecycleOptions) {
    this.policy = options.policy ?? { ...DEFAULT_POLICY, windowSeconds: pollWindowSeconds() };
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  async create(session: SessionProxy | undefined, request: Request, cb: Partial<CallbackContext<Work>>, typeConfiguration?: unknown): Promise<Event<Work>> {
    const ctx = configured(workContext(session, request), typeConfiguration);
    if (isContinuation(cb)) return this.followWork(withId(ctx, cb.id), cb, 'create');
    const id = requestScopedName(requestIdentity(request), 'id', request.logicalResourceIdentifier ?? 'Task', 128);
    const run = this.runName(ctx, request);
    const store = this.store(ctx);
    const existing = await store.get(id);
    const again = existing && (await this.resend(ctx, store, existing, run, 'create'));
    return again || this.startWork(ctx, store, id, run, 'create');
  }

  async update(session: SessionProxy | undefined, request: Request, cb: Partial<CallbackContext<Work>>, typeConfiguration?: unknown): Promise<Event<Work>> {
    const ctx = configured(workContext(session, request), typeConfiguration);
    if (isContinuation(cb)) return this.followWork(withId(ctx, cb.id), cb, 'update');
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id ?? toProps(request.previousResourceState).Id);
    const id = record.id;
    const run = this.runName(ctx, request);
    const again = await this.resend(ctx, store, record, run, 'update');
    if (again) return again;
    const digest = this.digest(ctx.props);
    const { lastGood } = record.state;
    if (lastGood?.digest === digest && !isRunning(record.state.task)) {
      // Back to the inputs of the last good run (a rollback, or an update that changes nothing the work sees).
      const model = clean({ ...lastGood.model, ...ctx.props, Id: id });
      // Work the last run left running stays recorded, so that a delete still lets go of it.
      await store.put({ ...record, model, state: { task: succeeded(run, runningWork(record.state.task)), lastGood: { digest, model } } });
      return ProgressEvent.success(model) as Event<Work>;
    }
    return this.startWork(ctx, store, id, run, 'update', record);
  }

  async delete(session: SessionProxy | undefined, request: Request, _cb?: unknown, typeConfiguration?: unknown): Promise<Event<Work>> {
    const ctx = configured(workContext(session, request), typeConfiguration);
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id);
    if (this.kind.onDelete && record.state.lastGood !== undefined) {
      const waiting = await this.deleteWork(ctx, store, record, request);
      if (waiting) return waiting;
    }
    const work = runningWork(record.state.task);
    if (work !== undefined) await this.kind.release({ ...ctx, props: record.model }, work);
    await store.delete(record.id);
    return ProgressEvent.success() as Event<Work>;
  }

  async read(session: SessionProxy | undefined, request: Request): Promise<Event<Work>> {
    return readRecord(session, request, this.options.typeName, resourceExists);
  }

  async list(session: SessionProxy | undefined, request: Request & { nextToken?: string }): Promise<Event<Work>> {
    return listRecords(session, request, this.options.typeName, this.clock.now(), resourceExists);
  }

  /**
   * The kind's delete work, once per delete request: claimed in the record before it, so that a re-sent delete
   * reports the outcome (or waits for a claim whose work may still be under way) instead of doing it again. A
   * progress event when the delete must wait; undefined when the work is done and the record may go.
   */
  private async deleteWork(ctx: WorkContext, store: Store<Work>, record: Rec<Work>, request: Request): Promise<Event<Work> | undefined> {
    const run = requestScopedName(requestIdentity(request), 'delete', this.kind.namePrefix(record.model, request.logicalResourceIdentifier));
    const now = this.clock.now();
    const previous = record.state.deletion;
    if (previous?.run === run) {
      if (previous.status === 'succeeded') return undefined;
      if (previous.status === 'claimed') {
        const verdict = claimVerdict(previous.at, now, `${this.options.typeName} '${record.id}'`, '');
        if ('unknown' in verdict) {
          await store.put({ ...record, state: { ...record.state, deletion: failed(run, verdict.unknown) } });
          throw verdict.unknown;
        }
        const event = ProgressEvent.progress<Event<Work>>(record.model);
        event.callbackDelaySeconds = verdict.waitSeconds;
        return event;
      }
      const failure = failureOf(previous);
      if (failure) throw failure;
    }
    await store.put({ ...record, state: { ...record.state, deletion: claimed(run, now) } });
    let outcome: Outcome;
    try {
      outcome = await this.kind.onDelete!({ ...ctx, props: record.model }, { name: run, startedAt: now });
    } catch (err) {
      // The work did not happen, so nothing stays claimed (best effort: the error to report is err).
      await store.put(record).catch(() => undefined);
      throw err;
    }
    if (!outcome.ok) {
      const error = outcome.errorCode ? handlerError(outcome.errorCode, outcome.message) : new GeneralServiceError(outcome.message);
      await store.put({ ...record, state: { ...record.state, deletion: failed(run, error) } });
      throw error;
    }
    // Recorded before the record goes, so that a re-send after a lost answer finds the work done.
    await store.put({ ...record, state: { ...record.state, deletion: succeeded(run) } });
    return undefined;
  }

  /** A request re-sent, finding its own run in the record: report, follow or wait for it, never run it again. */
  private async resend(ctx: WorkContext, store: Store<Work>, record: Rec<Work>, run: string, action: Action): Promise<Event<Work> | undefined> {
    const task = record.state.task;
    if (!task || task.run !== run) return undefined;
    const now = this.clock.now();
    switch (task.status) {
      case 'succeeded':
        return ProgressEvent.success(record.model) as Event<Work>;
      case 'failed':
      case 'stopped':
        throw failureOf(task);
      case 'started':
        return this.followWork(withId(ctx, record.id), { id: record.id, run, work: task.work, operationStartedAt: now, workStartedAt: task.at }, action);
      case 'claimed': {
        const verdict = claimVerdict(task.at, now, `${this.options.typeName} '${record.id}'`, this.kind.rerunAdvice);
        if ('unknown' in verdict) {
          // Kept, so that every later re-send finds the outcome unknown too; a create's rollback deletes it.
          await store.put({ ...record, state: { ...record.state, task: failed(run, verdict.unknown) } });
          throw verdict.unknown;
        }
        // The properties of this request: CloudFormation sends the model back as the desired state of the next call.
        const event = ProgressEvent.progress<Event<Work>>(clean({ ...ctx.props, Id: record.id }));
        event.callbackDelaySeconds = verdict.waitSeconds;
        return event;
      }
    }
  }

  private async startWork(ctx: WorkContext, store: Store<Work>, id: string, run: string, action: Action, previous?: Rec<Work>): Promise<Event<Work>> {
    const now = this.clock.now();
    const lastGood = previous?.state.lastGood;
    let begun: Awaited<ReturnType<TaskKind<Work>['begin']>>;
    if (this.kind.claimsFirst) {
      // Recorded before the call, so that a re-sent request finds it and never calls a second time.
      await store.put({ id, model: previous?.model ?? clean({ ...ctx.props, Id: id }), state: { task: claimed(run, now), lastGood } });
      try {
        begun = await this.kind.begin(ctx, { name: run, startedAt: now, action });
      } catch (err) {
        // The call did not happen, so nothing stays claimed (best effort: the error to report is err).
        await (previous ? store.put(previous) : store.delete(id)).catch(() => undefined);
        throw err;
      }
    } else {
      begun = await this.kind.begin(ctx, { name: run, startedAt: now, action });
    }
    const model = clean({ ...ctx.props, ...begun.attributes, Id: id });
    await store.put({ id, model, state: { task: started(run, now, begun.work), lastGood } });
    const replaced = previous?.state.task?.status === 'succeeded' ? runningWork(previous.state.task) : undefined;
    if (replaced !== undefined) {
      // The run this one replaces succeeded with its work still running, and no record keeps that work any more.
      // Best effort, as in afterError: the update has begun, and a failed stop must not end it.
      await this.kind.release({ ...ctx, props: previous!.model }, replaced).catch(() => undefined);
    }
    return this.followWork(withId(ctx, id), { id, run, work: begun.work, operationStartedAt: now, workStartedAt: now }, action);
  }

  private async followWork(ctx: WorkContext, cb: CallbackContext<Work>, action: Action): Promise<Event<Work>> {
    const store = this.store(ctx);
    const follower: Follow = (poll) => follow(poll, { policy: this.policy, workStartedAt: cb.workStartedAt, clock: this.clock });
    let result: FollowResult<Outcome>;
    try {
      result = await this.kind.advance(ctx, cb.work, follower);
    } catch (err) {
      return this.afterError(ctx, store, cb, action, err);
    }
    const record = await store.get(cb.id);
    if (!record) throw notFound(this.options.typeName, cb.id); // deleted while we were following it
    if (!result.done) {
      const elapsed = (this.clock.now() - cb.operationStartedAt) / 1000;
      if (!hasTimeForAnotherHop(this.policy, elapsed, this.timeoutMinutes(action))) return this.giveUp(ctx, store, record, cb, action);
      const event = ProgressEvent.progress<Event<Work>>(record.model, { ...cb, transientErrors: undefined });
      event.callbackDelaySeconds = result.callbackDelaySeconds;
      return event;
    }
    const outcome = result.result;
    const model = clean({ ...ctx.props, ...outcome.attributes, Id: cb.id });
    if (outcome.ok) {
      const leftRunning = outcome.leftRunning ? cb.work : undefined;
      await store.put({ ...record, model, state: { task: succeeded(cb.run, leftRunning), lastGood: { digest: this.digest(ctx.props), model } } });
      return ProgressEvent.success(model) as Event<Work>;
    }
    const error = outcome.errorCode ? handlerError(outcome.errorCode, outcome.message) : new GeneralServiceError(outcome.message);
    if (action === 'create' && !this.kind.claimsFirst) {
      // Nothing is left behind: the rollback's delete finds nothing, which CloudFormation accepts, and a re-sent
      // request runs again under the same name, which the kind makes safe.
      await store.delete(cb.id);
    } else {
      // Kept with the failure, so that a re-send reports it instead of running again; an update keeps its last good run.
      await store.put({ ...record, model, state: { ...record.state, task: failed(cb.run, error) } });
    }
    throw error;
  }

  /**
   * A transient error earns another hop, a few in a row. Any other ends the operation and stops the work where the
   * type says so; a create then leaves nothing recorded.
   */
  private async afterError(ctx: WorkContext, store: Store<Work>, cb: CallbackContext<Work>, action: Action, err: unknown): Promise<Event<Work>> {
    const hops = transientHop(err, cb.transientErrors);
    if (hops !== undefined) {
      const event = ProgressEvent.progress<Event<Work>>(clean({ ...ctx.props, Id: cb.id }), { ...cb, transientErrors: hops });
      event.callbackDelaySeconds = transientDelaySeconds(this.policy, (this.clock.now() - cb.workStartedAt) / 1000);
      return event;
    }
    // Best effort: the error that ended the operation is the one to report, not a second one from cleaning up.
    await this.kind.release(ctx, cb.work).catch(() => undefined);
    if (action === 'create') {
      await store.delete(cb.id).catch(() => undefined);
    } else {
      // The update ended: its rollback back to the last good run then runs nothing.
      const record = await store.get(cb.id).catch(() => undefined);
      const error = err instanceof HandlerError ? err : internalFailure(`${this.options.typeName} '${cb.id}': ${(err as Error)?.message ?? String(err)}`, err);
      if (record) await store.put({ ...record, state: { ...record.state, task: failed(cb.run, error) } }).catch(() => undefined);
    }
    throw err;
  }

  private async giveUp(ctx: WorkContext, store: Store<Work>, record: Rec<Work>, cb: CallbackContext<Work>, action: Action): Promise<never> {
    const limit = `the ${action} handler's ${this.timeoutMinutes(action)}-minute limit`;
    const ended = await this.kind.giveUp(ctx, cb.work, limit);
    const error: HandlerError = notStabilized(`${this.options.typeName} '${cb.id}': ${ended.message}`);
    await store.put({ ...record, state: { ...record.state, task: ended.stopped ? stopped(cb.run, error) : failed(cb.run, error) } });
    throw error;
  }

  private timeoutMinutes(action: Action): number {
    return this.options.schema.handlers?.[action]?.timeoutInMinutes ?? 120;
  }

  /** The run's name: the same for every re-send of one request. */
  private runName(ctx: WorkContext, request: Request): string {
    return requestScopedName(requestIdentity(request), 'run', this.kind.namePrefix(ctx.props, request.logicalResourceIdentifier));
  }

  private digest(props: Props): string {
    return digestOf(this.kind.rerunOn.map((key) => props[key]));
  }

  private store(ctx: WorkContext): Store<Work> {
    return recordStore(ctx, this.options.typeName);
  }
}

function isContinuation<Work>(cb: Partial<CallbackContext<Work>> | undefined): cb is CallbackContext<Work> {
  return !!cb && typeof cb.id === 'string' && typeof cb.run === 'string' && cb.work !== undefined;
}

/** The context with what the account admin set, for work that checks it. */
function configured(ctx: WorkContext, typeConfiguration: unknown): WorkContext {
  return typeConfiguration === undefined || typeConfiguration === null ? ctx : { ...ctx, typeConfiguration };
}

function withId(ctx: WorkContext, id: string): WorkContext {
  return { ...ctx, props: { ...ctx.props, Id: id } };
}

function clean(model: Props): Props {
  return withoutNulls(model);
}

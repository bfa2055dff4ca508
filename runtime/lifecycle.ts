import {
  HandlerErrorCode,
  ProgressEvent,
  ResourceHandlerRequest,
  SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { BackoffPolicy, callbackDelaySeconds, DEFAULT_POLICY, hasTimeForAnotherHop } from './backoff';
import { findRecord, listRecords, readRecord, recordStore, workContext } from './records';
import { pollWindowSeconds } from './env';
import { handlerError, notFound, notStabilized } from './errors';
import { Attempt, resumption, undoAttempt } from './start-once';
import { requestIdentity, requestScopedName } from './identity';
import { Clock, follow, FollowResult, SYSTEM_CLOCK } from './progress';
import { digestOf, withoutNulls } from './stable-json';
import { Outcome, Props, TaskAdapter, toProps, WorkContext } from './task-adapter';
import { TaskRecord, TaskStore } from './task-store';

interface State<Work> {
  readonly work?: Work;
  readonly running: boolean;
  /** Digest and model of the last run that succeeded: an update back to these inputs (a rollback) runs nothing. */
  readonly lastGood?: { readonly digest: string; readonly model: Props };
  /** For adapters that start once: the run recorded before `start` was called (start-once.ts). */
  readonly attempt?: Attempt;
}

export interface CallbackContext<Work> {
  readonly id: string;
  readonly work: Work;
  readonly operationStartedAt: number;
  readonly workStartedAt: number;
  /** Polls in a row that hit a transient error. */
  readonly transientErrors?: number;
}

const TRANSIENT: ReadonlySet<HandlerErrorCode> = new Set([HandlerErrorCode.Throttling, HandlerErrorCode.ServiceInternalError, HandlerErrorCode.NetworkFailure]);
const MAX_TRANSIENT_HOPS = 5;
type Event<Work> = ProgressEvent<any, CallbackContext<Work>>;
type Request = ResourceHandlerRequest<any> & { stackId?: string };

export interface LifecycleOptions {
  readonly typeName: string;
  /** The type's schema: handler timeouts come from it. */
  readonly schema: { handlers?: Record<string, { permissions?: string[]; timeoutInMinutes?: number }> };
  readonly policy?: BackoffPolicy;
  readonly clock?: Clock;
}

/**
 * create, update, delete, read and list for a resource whose work runs longer than one invocation.
 * The first call starts the work and keeps a task record; later calls only poll.
 */
export class TaskLifecycle<Work> {
  private readonly policy: BackoffPolicy;
  private readonly clock: Clock;

  constructor(private readonly adapter: TaskAdapter<Work>, private readonly options: LifecycleOptions) {
    this.policy = options.policy ?? { ...DEFAULT_POLICY, windowSeconds: pollWindowSeconds() };
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  async create(session: SessionProxy | undefined, request: Request, cb: Partial<CallbackContext<Work>>): Promise<Event<Work>> {
    const ctx = workContext(session, request);
    if (isContinuation(cb)) return this.continueWork(ctx, cb, 'create');
    const identity = requestIdentity(request);
    const id = requestScopedName(identity, 'id', request.logicalResourceIdentifier ?? 'Task', 128);
    const store = this.store(ctx);
    const existing = await store.get(id);
    if (existing && !existing.state.running && existing.state.lastGood) {
      // The same create re-sent after it finished: report what it produced.
      return ProgressEvent.success(existing.model) as Event<Work>;
    }
    const resumed = await this.resumeAttempt(ctx, store, existing, request, 'create');
    if (resumed) return resumed;
    return this.startWork(ctx, store, id, request, 'create');
  }

  async update(session: SessionProxy | undefined, request: Request, cb: Partial<CallbackContext<Work>>): Promise<Event<Work>> {
    const ctx = workContext(session, request);
    if (isContinuation(cb)) return this.continueWork(ctx, cb, 'update');
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id ?? toProps(request.previousResourceState).Id);
    const id = record.id;
    const digest = this.digest(ctx.props);
    if (record.state.lastGood?.digest === digest && !record.state.running) {
      const model = clean({ ...record.state.lastGood.model, ...ctx.props, Id: id });
      await store.put({ ...record, model, state: { ...record.state, lastGood: { digest, model } } });
      return ProgressEvent.success(model) as Event<Work>;
    }
    const resumed = await this.resumeAttempt(ctx, store, record, request, 'update');
    if (resumed) return resumed;
    return this.startWork(ctx, store, id, request, 'update', record);
  }

  async delete(session: SessionProxy | undefined, request: Request): Promise<Event<Work>> {
    const ctx = workContext(session, request);
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id);
    const id = record.id;
    if (record.state.running && record.state.work !== undefined && this.adapter.stopOnDelete(record.model)) {
      await this.adapter.stop({ ...ctx, props: record.model }, record.state.work);
    }
    await store.delete(id);
    return ProgressEvent.success() as Event<Work>;
  }

  async read(session: SessionProxy | undefined, request: Request): Promise<Event<Work>> {
    return readRecord(session, request, this.options.typeName);
  }

  async list(session: SessionProxy | undefined, request: Request & { nextToken?: string }): Promise<Event<Work>> {
    return listRecords(session, request, this.options.typeName, this.clock.now());
  }

  private async startWork(
    ctx: WorkContext,
    store: TaskStore<Props, State<Work>>,
    id: string,
    request: Request,
    action: 'create' | 'update',
    previous?: TaskRecord<Props, State<Work>>,
  ): Promise<Event<Work>> {
    const name = this.runName(ctx, request);
    const lastGood = previous?.state.lastGood;
    const now = this.clock.now();
    const attempt = this.adapter.startOnce ? { name, at: now } : undefined;
    let started: Awaited<ReturnType<TaskAdapter<Work>['start']>>;
    if (attempt) {
      // Recorded before starting, so that a re-sent request finds it and never starts the work a second time.
      const claimed = previous
        ? { ...previous, state: { ...previous.state, work: undefined, running: true, attempt } }
        : { id, model: clean({ ...ctx.props, Id: id }), state: { running: true, lastGood, attempt } };
      await store.put(claimed);
      try {
        started = await this.adapter.start(ctx, name);
      } catch (err) {
        // start threw: the work did not start, so nothing is left claimed (best effort: the error to report is err).
        await undoAttempt(store, claimed, action).catch(() => undefined);
        throw err;
      }
    } else {
      started = await this.adapter.start(ctx, name);
    }
    const { work, attributes } = started;
    const model = clean({ ...ctx.props, ...attributes, Id: id });
    await store.put({ id, model, state: { work, running: true, lastGood, attempt } });
    return this.followWork(ctx, { id, work, operationStartedAt: now, workStartedAt: now }, action);
  }

  /** A request re-sent to an adapter that starts once: see start-once.ts. */
  private async resumeAttempt(
    ctx: WorkContext,
    store: TaskStore<Props, State<Work>>,
    record: TaskRecord<Props, State<Work>> | undefined,
    request: Request,
    action: 'create' | 'update',
  ): Promise<Event<Work> | undefined> {
    if (!record || !this.adapter.startOnce) return undefined;
    const name = this.runName(ctx, request);
    const now = this.clock.now();
    const found = await resumption<Work, State<Work>>(store, record, name, now, this.options.typeName, action);
    if (!found) return undefined;
    if ('follow' in found) {
      const cb = { id: record.id, work: found.follow, operationStartedAt: now, workStartedAt: found.workStartedAt };
      return this.followWork({ ...ctx, props: { ...ctx.props, Id: record.id } }, cb, action);
    }
    // The properties of this request: CloudFormation sends the model back as the desired state of the next call.
    const event = ProgressEvent.progress<Event<Work>>(clean({ ...ctx.props, Id: record.id }));
    event.callbackDelaySeconds = found.waitSeconds;
    return event;
  }

  private async continueWork(ctx: WorkContext, cb: CallbackContext<Work>, action: 'create' | 'update'): Promise<Event<Work>> {
    return this.followWork({ ...ctx, props: { ...ctx.props, Id: cb.id } }, cb, action);
  }

  private async followWork(ctx: WorkContext, cb: CallbackContext<Work>, action: 'create' | 'update'): Promise<Event<Work>> {
    const store = this.store(ctx);
    let result: FollowResult<Outcome>;
    try {
      result = await follow(() => this.adapter.poll(ctx, cb.work), { policy: this.policy, workStartedAt: cb.workStartedAt, clock: this.clock });
    } catch (err) {
      return this.afterPollError(ctx, store, cb, action, err);
    }
    const record = await store.get(cb.id);
    if (!record) throw notFound(this.options.typeName, cb.id); // deleted while we were following it
    if (!result.done) {
      const elapsed = (this.clock.now() - cb.operationStartedAt) / 1000;
      if (!hasTimeForAnotherHop(this.policy, elapsed, this.timeoutMinutes(action))) {
        return this.giveUp(ctx, store, record, cb, action);
      }
      const event = ProgressEvent.progress<Event<Work>>(record.model, { ...cb, transientErrors: undefined });
      event.callbackDelaySeconds = result.callbackDelaySeconds;
      return event;
    }
    const outcome = result.result;
    const model = clean({ ...ctx.props, ...outcome.attributes, Id: cb.id });
    if (outcome.ok) {
      await store.put({ ...record, model, state: { work: cb.work, running: false, lastGood: { digest: this.digest(ctx.props), model } } });
      return ProgressEvent.success(model) as Event<Work>;
    }
    if (action === 'create') {
      // A failed create leaves nothing behind; the rollback's delete then finds nothing, which CloudFormation accepts.
      await store.delete(cb.id);
    } else {
      await store.put({ ...record, model, state: { ...record.state, work: cb.work, running: false } });
    }
    throw handlerError(outcome.errorCode ?? HandlerErrorCode.GeneralServiceException, outcome.message);
  }

  /**
   * A throttled, failing or unreachable service is given another hop (the work goes on meanwhile), a few times
   * in a row at most. Any other error ends the operation; a create then leaves nothing running or recorded.
   */
  private async afterPollError(ctx: WorkContext, store: TaskStore<Props, State<Work>>, cb: CallbackContext<Work>, action: 'create' | 'update', err: unknown): Promise<Event<Work>> {
    const code = (err as { errorCode?: HandlerErrorCode }).errorCode;
    const transientErrors = (cb.transientErrors ?? 0) + 1;
    if (code !== undefined && TRANSIENT.has(code) && transientErrors <= MAX_TRANSIENT_HOPS) {
      const event = ProgressEvent.progress<Event<Work>>(clean({ ...ctx.props, Id: cb.id }), { ...cb, transientErrors });
      event.callbackDelaySeconds = Math.max(5, callbackDelaySeconds(this.policy, (this.clock.now() - cb.workStartedAt) / 1000));
      return event;
    }
    if (action === 'create') {
      // Best effort: the error that ended the create is the one to report, not a second one from cleaning up.
      if (this.adapter.stopOnDelete(ctx.props)) await this.adapter.stop(ctx, cb.work).catch(() => undefined);
      await store.delete(cb.id).catch(() => undefined);
    }
    throw err;
  }

  private async giveUp(ctx: WorkContext, store: TaskStore<Props, State<Work>>, record: TaskRecord<Props, State<Work>>, cb: CallbackContext<Work>, action: 'create' | 'update'): Promise<never> {
    const minutes = this.timeoutMinutes(action);
    const stop = this.adapter.stopOnDelete(ctx.props);
    if (stop) await this.adapter.stop(ctx, cb.work);
    await store.put({ ...record, state: { ...record.state, running: !stop } });
    throw notStabilized(
      `${this.options.typeName} '${cb.id}': the work was still running when the ${action} handler's ${minutes}-minute limit was near` +
        `${stop ? '; it was stopped' : ' (StopOnDelete is false, so it was left running)'}. Split it into shorter tasks.`,
    );
  }

  private timeoutMinutes(action: 'create' | 'update'): number {
    return this.options.schema.handlers?.[action]?.timeoutInMinutes ?? 120;
  }

  /** The work's name: the same for every re-send of one request. */
  private runName(ctx: WorkContext, request: Request): string {
    return requestScopedName(requestIdentity(request), 'run', this.adapter.namePrefix(ctx.props, request.logicalResourceIdentifier));
  }

  private digest(props: Props): string {
    return digestOf(this.adapter.rerunOn.map((key) => props[key]));
  }

  private store(ctx: WorkContext): TaskStore<Props, State<Work>> {
    return recordStore(ctx, this.options.typeName);
  }
}

function isContinuation<Work>(cb: Partial<CallbackContext<Work>> | undefined): cb is CallbackContext<Work> {
  return !!cb && typeof cb.id === 'string' && cb.work !== undefined;
}

function clean(model: Props): Props {
  return withoutNulls(model);
}

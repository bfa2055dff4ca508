import { OperationStatus, ProgressEvent, ResourceHandlerRequest, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Clients } from './clients';
import { notFound } from './errors';
import { requestIdentity, requestScopedName } from './identity';
import { digestOf, withoutNulls } from './stable-json';
import { Props, toProps, WorkContext } from './task-adapter';
import { TaskStore } from './task-store';

/** What one type adds to the read lifecycle: how to read its source into attributes. */
export interface Reader {
  /** Properties whose change makes an update read again. */
  readonly readOn: readonly string[];
  /** Reads the source; the attributes returned are merged over the properties to make the model. */
  read(ctx: WorkContext): Promise<Props>;
}

interface ReadState {
  /** Digest of the `readOn` properties of the stored read. */
  readonly digest: string;
}

type Event = ProgressEvent<any, Record<string, never>>;
type Request = ResourceHandlerRequest<any> & { stackId?: string };

/**
 * create, update, delete, read and list for a resource that reads something within one invocation and keeps
 * what it read. Create and update read; read returns the stored record, so it keeps answering after the source
 * changed or disappeared.
 */
export class ReadLifecycle {
  constructor(private readonly reader: Reader, private readonly options: { readonly typeName: string }) {}

  async create(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = this.context(session, request, toProps(request.desiredResourceState));
    const id = requestScopedName(requestIdentity(request), 'id', request.logicalResourceIdentifier ?? 'Reader', 128);
    const store = this.store(ctx);
    const existing = await store.get(id);
    // The same create re-sent after it stored its read: report that read rather than reading again.
    if (existing) return ProgressEvent.success(existing.model) as Event;
    return this.readAndStore(ctx, store, id);
  }

  async update(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = this.context(session, request, toProps(request.desiredResourceState));
    const id = (ctx.props.Id ?? toProps(request.previousResourceState).Id) as string | undefined;
    const store = this.store(ctx);
    const record = id ? await store.get(id) : undefined;
    if (!id || !record) throw notFound(this.options.typeName, id ?? '(no identifier)');
    // Properties equal to those of the stored read: a re-sent update, or the rollback of an update that failed
    // (which left the record as it was). Either way the stored read is the answer.
    if (record.state.digest === this.digest(ctx.props)) return ProgressEvent.success(record.model) as Event;
    return this.readAndStore(ctx, store, id);
  }

  async delete(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = this.context(session, request, toProps(request.desiredResourceState));
    const id = ctx.props.Id as string | undefined;
    const store = this.store(ctx);
    if (!id || !(await store.get(id))) throw notFound(this.options.typeName, id ?? '(no identifier)');
    await store.delete(id);
    return ProgressEvent.success() as Event;
  }

  async read(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = this.context(session, request, toProps(request.desiredResourceState));
    const id = ctx.props.Id as string | undefined;
    const record = id ? await this.store(ctx).get(id) : undefined;
    if (!id || !record) throw notFound(this.options.typeName, id ?? '(no identifier)');
    return ProgressEvent.success(record.model) as Event;
  }

  async list(session: SessionProxy | undefined, request: Request & { nextToken?: string }): Promise<Event> {
    const ctx = this.context(session, request, {});
    const deadline = Date.now() + 20_000; // inside read and list's 30-second budget
    const { records, nextToken } = await this.store(ctx).list(request.nextToken ?? undefined, deadline);
    const event = ProgressEvent.builder<Event>().status(OperationStatus.Success).resourceModels(records.map((r) => r.model)).build();
    if (nextToken) event.nextToken = nextToken;
    return event;
  }

  private async readAndStore(ctx: WorkContext, store: TaskStore<Props, ReadState>, id: string): Promise<Event> {
    const attributes = await this.reader.read(ctx);
    const model = withoutNulls({ ...ctx.props, ...attributes, Id: id });
    await store.put({ id, model, state: { digest: this.digest(ctx.props) } });
    return ProgressEvent.success(model) as Event;
  }

  private digest(props: Props): string {
    return digestOf(this.reader.readOn.map((key) => props[key]));
  }

  private context(session: SessionProxy | undefined, request: Request, props: Props): WorkContext {
    return { clients: Clients.fromSession(session, request.region), props };
  }

  private store(ctx: WorkContext): TaskStore<Props, ReadState> {
    return new TaskStore(ctx.clients.get(SSMClient), this.options.typeName);
  }
}

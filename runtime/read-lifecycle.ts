import { ProgressEvent, ResourceHandlerRequest, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { findRecord, listRecords, readRecord, recordStore, workContext } from './records';
import { requestIdentity, requestScopedName } from './identity';
import { digestOf, withoutNulls } from './stable-json';
import { typed } from './task-kind';
import { Attributes, Props, toProps, WorkContext } from './work-context';
import { TaskStore } from './task-store';

/** What one type adds to the read lifecycle: how to read its source into attributes. */
export interface Reader<P = Props> {
  /** Properties whose change makes an update read again. */
  readonly readOn: readonly (keyof P & string)[];
  /** Reads the source; the attributes returned are merged over the properties to make the model. */
  read(ctx: WorkContext<P>): Promise<Attributes<P>>;
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
export class ReadLifecycle<P> {
  constructor(private readonly reader: Reader<P>, private readonly options: { readonly typeName: string }) {}

  async create(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = workContext(session, request);
    const id = requestScopedName(requestIdentity(request), 'id', request.logicalResourceIdentifier ?? 'Reader', 128);
    const store = this.store(ctx);
    const existing = await store.get(id);
    // The same create re-sent after it stored its read: report that read rather than reading again.
    if (existing) return ProgressEvent.success(existing.model) as Event;
    return this.readAndStore(ctx, store, id);
  }

  async update(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = workContext(session, request);
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id ?? toProps(request.previousResourceState).Id);
    const id = record.id;
    // Properties equal to those of the stored read: a re-sent update, or the rollback of an update that failed
    // (which left the record as it was). Either way the stored read is the answer.
    if (record.state.digest === this.digest(ctx.props)) return ProgressEvent.success(record.model) as Event;
    return this.readAndStore(ctx, store, id);
  }

  async delete(session: SessionProxy | undefined, request: Request): Promise<Event> {
    const ctx = workContext(session, request);
    const store = this.store(ctx);
    const record = await findRecord(store, this.options.typeName, ctx.props.Id);
    await store.delete(record.id);
    return ProgressEvent.success() as Event;
  }

  async read(session: SessionProxy | undefined, request: Request): Promise<Event> {
    return readRecord(session, request, this.options.typeName);
  }

  async list(session: SessionProxy | undefined, request: Request & { nextToken?: string }): Promise<Event> {
    return listRecords(session, request, this.options.typeName);
  }

  private async readAndStore(ctx: WorkContext, store: TaskStore<Props, ReadState>, id: string): Promise<Event> {
    const attributes = await this.reader.read(typed<P>(ctx));
    const model = withoutNulls({ ...ctx.props, ...attributes, Id: id });
    await store.put({ id, model, state: { digest: this.digest(ctx.props) } });
    return ProgressEvent.success(model) as Event;
  }

  private digest(props: Props): string {
    return digestOf(this.reader.readOn.map((key) => props[key as string]));
  }

  private store(ctx: WorkContext): TaskStore<Props, ReadState> {
    return recordStore(ctx, this.options.typeName);
  }
}

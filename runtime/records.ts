import { OperationStatus, ProgressEvent, ResourceHandlerRequest, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Clients } from './clients';
import { INVOCATION_BUDGET_SECONDS } from './contract';
import { notFound } from './errors';
import { Props, toProps, WorkContext } from './work-context';
import { TaskRecord, TaskStore } from './task-store';

type Request = ResourceHandlerRequest<any> & { nextToken?: string };

/** How long list may page through records: inside read and list's 30-second budget. */
const LIST_SECONDS = INVOCATION_BUDGET_SECONDS.readOnly - 10;

/** Clients from the request's credentials, and the properties the handler works on (the desired state by default). */
export function workContext(session: SessionProxy | undefined, request: Request, props: Props = toProps(request.desiredResourceState)): WorkContext {
  return { clients: Clients.fromSession(session, request.region), props };
}

export function recordStore<State>(ctx: WorkContext, typeName: string): TaskStore<Props, State> {
  return new TaskStore(ctx.clients.get(SSMClient), typeName);
}

/** The record of `id`, or NotFound naming the type and the identifier. */
export async function findRecord<State>(store: TaskStore<Props, State>, typeName: string, id: unknown): Promise<TaskRecord<Props, State>> {
  const record = typeof id === 'string' ? await store.get(id) : undefined;
  if (!record) throw notFound(typeName, typeof id === 'string' ? id : '(no identifier)');
  return record;
}

/** Read: the stored model, whatever has become of the work or the source since; NotFound when `exists` says the record stands for no resource. */
export async function readRecord<State>(
  session: SessionProxy | undefined,
  request: Request,
  typeName: string,
  exists: (state: State) => boolean = () => true,
): Promise<ProgressEvent<any, any>> {
  const ctx = workContext(session, request);
  const record = await findRecord(recordStore<State>(ctx, typeName), typeName, ctx.props.Id);
  if (!exists(record.state)) throw notFound(typeName, record.id);
  return ProgressEvent.success(record.model);
}

/** List: every record of the type whose resource exists, with a token when the time ran out first. */
export async function listRecords<State>(
  session: SessionProxy | undefined,
  request: Request,
  typeName: string,
  now = Date.now(),
  exists: (state: State) => boolean = () => true,
): Promise<ProgressEvent<any, any>> {
  const ctx = workContext(session, request, {});
  const { records, nextToken } = await recordStore<State>(ctx, typeName).list(request.nextToken ?? undefined, now + LIST_SECONDS * 1000);
  const models = records.filter((r) => exists(r.state)).map((r) => r.model);
  const event = ProgressEvent.builder<ProgressEvent<any, any>>().status(OperationStatus.Success).resourceModels(models).build();
  if (nextToken) event.nextToken = nextToken;
  return event;
}

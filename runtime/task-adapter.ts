import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { Clients } from './clients';
import { PollResult } from './progress';
import { withoutNulls } from './stable-json';

/** Resource properties as the template writes them, keyed by schema name. */
export type Props = Record<string, unknown> & { Id?: string };

/** How the work ended: its attributes, or the reason it failed (GeneralServiceException unless `errorCode` says otherwise). */
export type Outcome =
  | { readonly ok: true; readonly attributes: Props }
  | { readonly ok: false; readonly message: string; readonly attributes: Props; readonly errorCode?: HandlerErrorCode };

export interface WorkContext {
  readonly clients: Clients;
  readonly props: Props;
}

/** What one type adds to the common lifecycle: how to start, poll and stop its work. */
export interface TaskAdapter<Work> {
  /** Properties whose change makes an update run the work again. */
  readonly rerunOn: readonly string[];
  /** Starts the work under `name`; starting twice with the same name must not start it twice. */
  start(ctx: WorkContext, name: string): Promise<{ work: Work; attributes: Props }>;
  poll(ctx: WorkContext, work: Work): Promise<PollResult<Outcome>>;
  /** Stops the work if it is still running; stopping finished or forgotten work is not an error. */
  stop(ctx: WorkContext, work: Work): Promise<void>;
  /** Whether delete should stop running work (for example StopOnDelete). */
  stopOnDelete(props: Props): boolean;
  /** Prefix of the request-scoped work name. */
  namePrefix(props: Props, logicalResourceId: string | undefined): string;
  /**
   * For work whose start cannot safely be repeated (the service takes no idempotency token, as Lambda's Invoke):
   * the lifecycle records the attempt before calling `start`, and a re-sent request never calls it again. `start`
   * must then throw only when the work did not start; an outcome it cannot know is a failed outcome of the work.
   */
  readonly startOnce?: boolean;
}

/** The model as plain JSON keyed by schema names. */
export function toProps(model: unknown): Props {
  if (model === null || model === undefined) return {};
  const plain = typeof (model as { serialize?: unknown }).serialize === 'function' ? (model as { serialize(): unknown }).serialize() : model;
  return withoutNulls(JSON.parse(JSON.stringify(plain))) as Props;
}


import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { Clients } from './clients';
import { withoutNulls } from './stable-json';

/** Resource properties as the template writes them, keyed by schema name, before a type's own typing applies. */
export type Props = Record<string, unknown> & { Id?: string };

/** What a handler works with: clients from the request's credentials, and the properties (typed by the type's `ResourceProperties`). */
export interface WorkContext<P = Props> {
  readonly clients: Clients;
  readonly props: P;
  /** What the account admin set with SetTypeConfiguration, as the request carries it (null or absent: nothing set). */
  readonly typeConfiguration?: unknown;
}

/** Attributes a type sets on its model: names from its `ResourceProperties`, values as the schema allows. */
export type Attributes<P> = { readonly [K in keyof P]?: unknown };

/** How the work ended: its attributes, or the reason it failed (GeneralServiceException unless `errorCode` says otherwise). */
export type Outcome<P = Props> =
  | {
      readonly ok: true;
      readonly attributes: Attributes<P>;
      /**
       * The resource succeeded while the work still runs (it handed over at a limit the template set): the record
       * keeps the work, so that a delete still lets go of it. @default false
       */
      readonly leftRunning?: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly attributes: Attributes<P>; readonly errorCode?: HandlerErrorCode };

/** The model as plain JSON keyed by schema names. */
export function toProps(model: unknown): Props {
  if (model === null || model === undefined) return {};
  const plain = typeof (model as { serialize?: unknown }).serialize === 'function' ? (model as { serialize(): unknown }).serialize() : model;
  return withoutNulls(JSON.parse(JSON.stringify(plain))) as Props;
}

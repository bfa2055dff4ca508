import { Action } from './types';

/** CloudFormation's limit for an action whose schema names none (`handlers.<action>.timeoutInMinutes`). */
export const DEFAULT_TIMEOUT_MINUTES = 120;

/** The message CloudFormation fails a resource with past its action's limit. */
export const TIMED_OUT_MESSAGE = 'Resource timed out waiting for completion';

export type ActionTimeouts = Readonly<Partial<Record<'create' | 'update' | 'delete', number>>>;

/** The per-action limits a schema sets, in minutes; read and list have none (they may not return IN_PROGRESS). */
export function timeoutsFromSchema(schema: { handlers?: Record<string, { timeoutInMinutes?: number } | undefined> }): ActionTimeouts {
  const handlers = schema.handlers ?? {};
  return Object.fromEntries(
    (['create', 'update', 'delete'] as const).flatMap((a) => (handlers[a]?.timeoutInMinutes === undefined ? [] : [[a, handlers[a]!.timeoutInMinutes!]])),
  );
}

/** The limit for `action` in milliseconds, or undefined for READ and LIST. */
export function timeoutMs(action: Action, timeouts: ActionTimeouts = {}): number | undefined {
  if (action === 'READ' || action === 'LIST') return undefined;
  const key = action.toLowerCase() as keyof ActionTimeouts;
  return (timeouts[key] ?? DEFAULT_TIMEOUT_MINUTES) * 60_000;
}

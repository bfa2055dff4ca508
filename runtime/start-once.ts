import { INVOCATION_BUDGET_SECONDS } from './contract';
import { notStabilized } from './errors';
import { Props } from './task-adapter';
import { TaskRecord, TaskStore } from './task-store';

/**
 * The at-most-once start of work whose service takes no idempotency token (TaskAdapter.startOnce): the attempt is
 * recorded before `start` is called, and what a re-sent request does about the attempt it finds.
 */

/** An attempt recorded before `start`: the request-scoped run name, and when (ms since the epoch). */
export interface Attempt {
  readonly name: string;
  readonly at: number;
}

/** The part of a task record's state this file reads and writes. */
export interface AttemptState<Work> {
  readonly work?: Work;
  readonly running: boolean;
  readonly attempt?: Attempt;
}

/**
 * How long an attempt recorded before `start` may still be alive: one handler invocation is cut off at the mutating
 * budget, plus a margin for the clocks of two hosts. A re-sent request waits that long for the earlier attempt.
 */
export const ATTEMPT_LIFETIME_SECONDS = INVOCATION_BUDGET_SECONDS.mutating + 10;

/** Follow the work the attempt started; or wait for the attempt, which may still be starting it. */
export type Resumption<Work> = { readonly follow: Work; readonly workStartedAt: number } | { readonly waitSeconds: number };

/**
 * For a re-sent request that finds the attempt it recorded (same run name, still running): the work to follow, or
 * how long to wait for an attempt that may still be alive. Once that attempt must have died before recording its
 * work, the claim is undone and the request fails without starting again, since whether the work ran is unknown.
 * Undefined when the record holds no attempt of this request.
 */
export async function resumption<Work, State extends AttemptState<Work>>(
  store: TaskStore<Props, State>,
  record: TaskRecord<Props, State> | undefined,
  runName: string,
  now: number,
  typeName: string,
  action: 'create' | 'update',
): Promise<Resumption<Work> | undefined> {
  const attempt = record?.state.attempt;
  if (!record || !attempt || !record.state.running || attempt.name !== runName) return undefined;
  if (record.state.work !== undefined) return { follow: record.state.work, workStartedAt: attempt.at };
  const waited = (now - attempt.at) / 1000;
  if (waited < ATTEMPT_LIFETIME_SECONDS) return { waitSeconds: Math.max(1, Math.min(10, Math.ceil(ATTEMPT_LIFETIME_SECONDS - waited))) };
  await undoAttempt(store, record, action);
  throw notStabilized(
    `${typeName} '${record.id}': an earlier attempt of this request was interrupted at ${new Date(attempt.at).toISOString()} ` +
      'while starting the work, so whether it ran is unknown; it is not started again. Change RunToken to run it again.',
  );
}

/** Leaves no claim behind: a create's record goes, an update's record returns to what it was before the attempt. */
export async function undoAttempt<State extends AttemptState<unknown>>(
  store: TaskStore<Props, State>,
  claimed: TaskRecord<Props, State>,
  action: 'create' | 'update',
): Promise<void> {
  if (action === 'create') return store.delete(claimed.id);
  return store.put({ ...claimed, state: { ...claimed.state, running: false, attempt: undefined } });
}

import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { HandlerError, handlerError } from './errors';
import { Props } from './work-context';

/**
 * Where one request's run of the work stands, as its task record keeps it. `run` is the request-scoped run name:
 * a re-sent request finds its own run by it and never runs the work a second time.
 *
 *   claimed ─▶ started ─▶ succeeded
 *      │          ├────▶ failed      (the work failed, or its outcome is unknown)
 *      └──────────┴────▶ stopped     (the time limit came first and the work was stopped)
 *
 * A run that succeeded while its work still runs (handed over at a limit the template set) keeps the work in
 * `succeeded`, so that a delete still lets go of it.
 *
 * `claimed` is recorded before a call that cannot safely be repeated (run at most once); the other kinds of work
 * begin at `started`.
 */
export type TaskState<Work> =
  | { readonly status: 'claimed'; readonly run: string; readonly at: number }
  | { readonly status: 'started'; readonly run: string; readonly at: number; readonly work: Work }
  | { readonly status: 'succeeded'; readonly run: string; readonly work?: Work }
  | { readonly status: 'failed' | 'stopped'; readonly run: string; readonly code: HandlerErrorCode; readonly message: string };

/** Inputs and model of the last run that succeeded: an update back to these inputs (a rollback) runs nothing. */
export interface LastGood {
  readonly digest: string;
  readonly model: Props;
}

/** The state a task record keeps. */
export interface TaskRecordState<Work> {
  /** Absent only in a record no run of this lifecycle wrote. */
  readonly task?: TaskState<Work>;
  readonly lastGood?: LastGood;
  /** The delete's run of the kind's `onDelete` work: claimed before it, so a re-sent delete never does it again. */
  readonly deletion?: TaskState<never>;
}

export const claimed = (run: string, at: number): TaskState<never> => ({ status: 'claimed', run, at });

export const started = <Work>(run: string, at: number, work: Work): TaskState<Work> => ({ status: 'started', run, at, work });

export const succeeded = <Work = never>(run: string, work?: Work): TaskState<Work> => (work === undefined ? { status: 'succeeded', run } : { status: 'succeeded', run, work });

export const failed = (run: string, error: HandlerError): TaskState<never> => ({ status: 'failed', run, code: error.errorCode, message: error.message });

export const stopped = (run: string, error: HandlerError): TaskState<never> => ({ status: 'stopped', run, code: error.errorCode, message: error.message });

export function isRunning<Work>(task: TaskState<Work> | undefined): boolean {
  return task?.status === 'claimed' || task?.status === 'started';
}

/** The work to let go of on delete, while it may run: started, or left running by a run that succeeded. */
export function runningWork<Work>(task: TaskState<Work> | undefined): Work | undefined {
  return task?.status === 'started' || task?.status === 'succeeded' ? task.work : undefined;
}

/** The error a run that ended badly ended with, to report again to a re-send of its request. */
export function failureOf<Work>(task: TaskState<Work>): HandlerError | undefined {
  return task.status === 'failed' || task.status === 'stopped' ? handlerError(task.code, task.message) : undefined;
}

/**
 * Whether read and list see the resource: once a run succeeded, or while its first run is under way. A create
 * that failed keeps its record only so that a re-send finds the outcome; to CloudFormation it does not exist.
 */
export function resourceExists(state: TaskRecordState<unknown>): boolean {
  return state.lastGood !== undefined || isRunning(state.task);
}

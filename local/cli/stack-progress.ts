import { STACK_TYPE, StackEvent } from '../engine/deploy/stack-events';

/** One resource as the live view shows it: its latest status and reason, and since when it has that status. */
export interface ResourceProgress {
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  /** When the current status began (ISO 8601): an in-progress row shows the time since. */
  readonly since: string;
}

/** The latest state of a stack operation, folded from its events in arrival order. */
export class StackProgress {
  private readonly _resources = new Map<string, ResourceProgress>();
  private _stack: ResourceProgress | undefined;
  private _startedAt: string | undefined;

  constructor(readonly stackName: string) {}

  apply(event: StackEvent): void {
    this._startedAt ??= event.timestamp;
    const previous = event.type === STACK_TYPE && event.logicalId === this.stackName ? this._stack : this._resources.get(event.logicalId);
    // A progress note repeats the status: the row keeps counting from when the status began.
    const since = previous?.status === event.status ? previous.since : event.timestamp;
    const row: ResourceProgress = { logicalId: event.logicalId, type: event.type, status: event.status, reason: event.reason, since };
    if (event.type === STACK_TYPE && event.logicalId === this.stackName) this._stack = row;
    else this._resources.set(event.logicalId, row);
  }

  /** The stack's own row, once its first event arrived. */
  get stack(): ResourceProgress | undefined {
    return this._stack;
  }

  get startedAt(): string | undefined {
    return this._startedAt;
  }

  /** Resources in the order their first event arrived. */
  get resources(): ResourceProgress[] {
    return [...this._resources.values()];
  }
}

/** A resource or stack status of work still running (`CREATE_IN_PROGRESS`, `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`). */
export function isInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** A status the live view paints red: a failure, or a stack rolling back. */
export function isFailed(status: string): boolean {
  return status.endsWith('_FAILED') || status.includes('ROLLBACK');
}

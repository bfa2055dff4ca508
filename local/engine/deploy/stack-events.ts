/** CloudFormation's stack event stream, as `orch deploy` shows it live and `orch events` prints it. */

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'DELETE_SKIPPED';

export type StackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_COMPLETE'
  | 'ROLLBACK_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED';

/**
 * One event. A stack's own events have `logicalId` = the stack name and `type` = `AWS::CloudFormation::Stack`, as
 * CloudFormation's do. `reason` is CloudFormation's ResourceStatusReason (the failure, or a handler's progress note).
 */
export interface StackEvent {
  /** ISO 8601, UTC. */
  readonly timestamp: string;
  readonly stackName: string;
  /** Tells apart the lifetimes of a stack deleted and created again under one name. */
  readonly stackId?: string;
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  readonly status: ResourceStatus | StackStatus;
  readonly reason?: string;
}

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

/** Receives events as they happen; the executor also appends each to the stack's history in the state directory. */
export type EventSink = (event: StackEvent) => void;

// Generated from orch-stepfunctions-task.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::StepFunctions::Task";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","ExecutionArn","Status","StartDate","StopDate","Output"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * One leaf of the execution output, as a string (numbers, booleans and null are written as JSON).
 *
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^.{1,512}$".
 */
export type OutputValue = string;

/**
 * Runs one AWS Step Functions execution as a CloudFormation resource: create and update start an execution, follow it to its end and expose its output as attributes; delete stops it if it is still running.
 */
export interface ResourceProperties {
  /**
   * Identifier of this task resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  /**
   * ARN of the state machine to execute: a state machine, a version (name:N) or an alias (name:alias).
   */
  StateMachineArn: string;
  /**
   * Execution input: a JSON object, or a string that holds a JSON document. Defaults to {}.
   */
  Input?: {} | string;
  /**
   * Prefix of the execution names. The rest of each name is derived from the CloudFormation request, so a re-sent request never starts a second execution. Defaults to the logical id.
   */
  NamePrefix?: string;
  /**
   * Dot paths (such as result.model.0.arn) of the output leaves or subtrees to keep as attributes. Defaults to the whole output.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Any string; changing it runs the task again with the same input.
   */
  RunToken?: string;
  /**
   * Whether deleting the resource (including a rollback) stops an execution that is still running. Defaults to true.
   */
  StopOnDelete?: boolean;
  /**
   * ARN of the latest execution.
   */
  ExecutionArn?: string;
  /**
   * Status of the latest execution.
   */
  Status?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  /**
   * When the latest execution started (ISO 8601).
   */
  StartDate?: string;
  /**
   * When the latest execution ended (ISO 8601).
   */
  StopDate?: string;
  /**
   * The execution output flattened to dot paths (a.0.b), filtered by OutputPaths. Read one key with Fn::GetAtt [Task, Output.<path>].
   */
  Output?: {
    [k: string]: OutputValue;
  };
}

// Generated from orch-stepfunctions-task.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::StepFunctions::Task";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","ExecutionArn","Status","StartDate","StopDate","Output"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

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
   * Dot paths (such as model.uri or metrics.0) of the output values or subtrees to keep as attributes. Defaults to the whole output.
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
  Output?: OutputNode1;
}
/**
 * The execution output as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON). Read one value with Fn::GetAtt [Task, Output.<dot path>], such as Output.model.uri or Output.metrics.0.accuracy.
 */
export interface OutputNode1 {
  /**
   * This interface was referenced by `OutputNode1`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode2;
}
/**
 * Output values at depth 2: strings, or objects of further values.
 */
export interface OutputNode2 {
  /**
   * This interface was referenced by `OutputNode2`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode3;
}
/**
 * Output values at depth 3: strings, or objects of further values.
 */
export interface OutputNode3 {
  /**
   * This interface was referenced by `OutputNode3`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode4;
}
/**
 * Output values at depth 4: strings, or objects of further values.
 */
export interface OutputNode4 {
  /**
   * This interface was referenced by `OutputNode4`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode5;
}
/**
 * Output values at depth 5: strings, or objects of further values.
 */
export interface OutputNode5 {
  /**
   * This interface was referenced by `OutputNode5`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode6;
}
/**
 * Output values at depth 6: strings, or objects of further values.
 */
export interface OutputNode6 {
  /**
   * This interface was referenced by `OutputNode6`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode7;
}
/**
 * Output values at depth 7: strings, or objects of further values.
 */
export interface OutputNode7 {
  /**
   * This interface was referenced by `OutputNode7`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode8;
}
/**
 * Output values at depth 8: strings; a deeper subtree is kept whole as one JSON string.
 */
export interface OutputNode8 {
  /**
   * This interface was referenced by `OutputNode8`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string;
}

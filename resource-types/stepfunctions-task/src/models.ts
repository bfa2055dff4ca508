// Generated from orch-stepfunctions-task.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::StepFunctions::Task";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","ExecutionArn","Status","HandedOver","StartDate","StopDate","Output","Outputs"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Runs one AWS Step Functions execution as a CloudFormation resource: create and update start an execution (or follow one started elsewhere, FollowExecutionArn), follow it to its end or to HandOverAfterSeconds and expose its output as attributes; delete stops an execution it started if it is still running.
 */
export interface ResourceProperties {
  /**
   * Identifier of this task resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  /**
   * ARN of the state machine to execute: a state machine, a version (name:N) or an alias (name:alias). Give either StateMachineArn or FollowExecutionArn.
   */
  StateMachineArn?: string;
  /**
   * ARN of an execution started elsewhere (such as by another Orch::StepFunctions::Task, read with Fn::GetAtt [Task, ExecutionArn]) to follow instead of starting one: the resource waits for its end and exposes its output as if it had started it, and fails with the execution's error. It never starts an execution and never stops this one, also not on delete. Give either StateMachineArn or FollowExecutionArn; a follower takes no Input, NamePrefix or StopOnDelete.
   */
  FollowExecutionArn?: string;
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
   * Output values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the execution output, as OutputPaths writes them (model.uri, metrics.0.accuracy; a key holding a dot cannot be named). Read one with Fn::GetAtt [Task, Outputs.<name>]. A path the output does not hold fails the create or update with InvalidRequest naming Expose.<name> (the execution has run by then). Changing it runs the task again.
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
  /**
   * Any string; changing it runs the task again with the same input.
   */
  RunToken?: string;
  /**
   * Whether deleting the resource (including a rollback) stops an execution that is still running. Defaults to true.
   */
  StopOnDelete?: boolean;
  /**
   * Seconds to follow the execution before handing over: when they have passed and the execution still runs, the create or update succeeds with Status RUNNING and HandedOver true instead of waiting on, so that a resource depending on this one follows the same execution on with FollowExecutionArn (Outputs and Output stay empty). From 1 to 126000 (35 hours, an hour under the 36-hour handler timeout); counted from when this resource began following. Defaults to none: the resource follows the execution to its end and fails at the handler timeout.
   */
  HandOverAfterSeconds?: number;
  /**
   * ARN of the latest execution.
   */
  ExecutionArn?: string;
  /**
   * Status of the latest execution.
   */
  Status?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  /**
   * True when the resource stopped following at HandOverAfterSeconds while the execution still ran (Status RUNNING); false when it followed the execution to its end.
   */
  HandedOver?: boolean;
  /**
   * When the latest execution started (ISO 8601).
   */
  StartDate?: string;
  /**
   * When the latest execution ended (ISO 8601).
   */
  StopDate?: string;
  Output?: OutputNode1;
  Outputs?: SelectedOutputs;
}
/**
 * The execution output as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it). Fn::GetAtt [Task, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
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
/**
 * The output values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Task, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
 */
export interface SelectedOutputs {
  /**
   * This interface was referenced by `SelectedOutputs`'s JSON-Schema definition
   * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
   */
  [k: string]: string;
}

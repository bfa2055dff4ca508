// Generated from orch-lambda-task.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::Lambda::Task";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","FunctionArn","ExecutedVersion","RequestId","Result","Output"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Invokes an AWS Lambda function once per create, and once per update that changes what the function sees, and exposes its return value as attributes. A function error fails the resource with the function's error type and message.
 */
export interface ResourceProperties {
  /**
   * Identifier of this task resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  /**
   * The function to invoke: its name, partial ARN (123456789012:function:name) or ARN, optionally qualified with a version or alias (name:3, name:live). Its configured timeout must be at most 45 seconds; for longer functions use an Orch::StepFunctions::Task whose state machine invokes the function.
   */
  FunctionName: string;
  /**
   * The event the function receives: a JSON object, or a string that holds a JSON document. Defaults to {}.
   */
  Payload?: {} | string;
  /**
   * Dot paths (such as model.uri or metrics.0) of the returned values or subtrees to keep in Output. Defaults to the whole returned value.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Any string; changing it invokes the function again with the same payload.
   */
  RunToken?: string;
  /**
   * ARN of the function invoked, as Lambda reports its configuration.
   */
  FunctionArn?: string;
  /**
   * The function version that ran (an alias resolves to a version).
   */
  ExecutedVersion?: string;
  /**
   * Lambda's request id of the invocation, as it appears in the function's logs.
   */
  RequestId?: string;
  /**
   * The returned value as JSON text, when it is at most 32768 characters; a larger value is left out here and read through Output.
   */
  Result?: string;
  Output?: OutputNode1;
}
/**
 * The returned value as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a value that is not an object is Output.value). Read one value with Fn::GetAtt [Task, Output.<dot path>], such as Output.model.uri.
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

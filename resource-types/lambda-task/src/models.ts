// Generated from orch-lambda-task.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::Lambda::Task";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","FunctionArn","ExecutedVersion","RequestId","Result","Output","Outputs"] as const;
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
   * Returned values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in what the function returned, as OutputPaths writes them (model.uri, metrics.0.accuracy; value for a returned value that is not an object or array). Read one with Fn::GetAtt [Task, Outputs.<name>]. A path the returned value does not hold fails the create or update with InvalidRequest naming Expose.<name> (the function has run by then). Changing it invokes the function again.
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
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
  Outputs?: SelectedOutputs;
}
/**
 * The returned value as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it; a value that is not an object is Output.value). Fn::GetAtt [Task, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
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
 * The returned values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Task, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
 */
export interface SelectedOutputs {
  /**
   * This interface was referenced by `SelectedOutputs`'s JSON-Schema definition
   * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
   */
  [k: string]: string;
}

// Generated from orch-aws-call.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::Aws::Call";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","RequestId","IgnoredError","Result","Output","Outputs"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Makes one AWS SDK call on create, on update and on delete (each optional), and exposes fields of its answer as attributes: the registry-type answer to CDK's AwsCustomResource, with no Lambda function in the template. Every call is made at most once per request. The account admin names the actions it may make (type configuration AllowedActions; none by default).
 */
export interface ResourceProperties {
  /**
   * Identifier of this call resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  OnCreate?: AwsSdkCall;
  OnUpdate?: AwsSdkCall1;
  OnDelete?: AwsSdkCall2;
  /**
   * Any string; changing it makes the update call (OnUpdate, or OnCreate without one) again.
   */
  RunToken?: string;
  /**
   * Any string naming what the calls act on (a table item's key, a parameter's name): changing it replaces the resource. CloudFormation then creates a new one, whose OnCreate call is made, and deletes this one, whose OnDelete call is made with its own recorded properties, as CDK's AwsCustomResource does when the physical resource id changes.
   */
  ResourceKey?: string;
  /**
   * The AWS request id of the last create or update call, as the service's logs and CloudTrail show it.
   */
  RequestId?: string;
  /**
   * The name of the error IgnoreErrorCodesMatching let pass on the last create or update call; absent when the call succeeded.
   */
  IgnoredError?: string;
  /**
   * The last create or update call's answer as JSON text (binary and stream fields as text, ParseJson applied, the SDK's $metadata left out), when it is at most 32768 characters.
   */
  Result?: string;
  Output?: OutputNode1;
  Outputs?: SelectedOutputs;
}
/**
 * The call made on create. Without it, create calls nothing.
 */
export interface AwsSdkCall {
  /**
   * The SDK v3 client, as its package is named without @aws-sdk/client- (dynamodb, s3, ssm, secrets-manager, sfn); @aws-sdk/client-dynamodb and client-dynamodb are taken too. The handler loads the client at run time from the Lambda runtime's own SDK: an unknown name fails with InvalidRequest naming the nearest clients.
   */
  Service: string;
  /**
   * The API operation, as the service's API reference names it (PutItem) or in camelCase (putItem): the client's <Action>Command. An unknown one fails with InvalidRequest naming the nearest operations of the client.
   */
  Action: string;
  /**
   * The operation's input, as the SDK v3 command takes it (DynamoDB items in attribute-value form: {"pk": {"S": "a"}}). A string must hold a JSON object, for values built with Fn::Sub or Fn::Join. Defaults to {}. A value the service rejects fails with InvalidRequest and the service's message.
   */
  Parameters?: {} | string;
  /**
   * A regular expression (JavaScript syntax) over the name of the error the call fails with (ConditionalCheckFailedException, ParameterNotFound, NoSuchKey): a matching error counts as success with no answer, and IgnoredError names it. Useful for a delete of something that may be gone already.
   */
  IgnoreErrorCodesMatching?: string;
  /**
   * Follow the client's paginator for Action (paginate<Action>: its token and page-size fields) and concatenate the pages: list fields are joined in page order, every other field is the last page's. Fails with InvalidRequest when the client has no paginator for Action. Default false: one call.
   */
  Paginate?: boolean;
  /**
   * Dot paths (as OutputPaths writes them: Body, Parameter.Value, Payload) of answer fields that hold JSON text, parsed before OutputPaths and Expose select from the answer, so they can address inside it (Body.model.uri). A field that is not JSON text fails with InvalidRequest naming the path. Binary and stream fields (S3 Body, Lambda Payload) are UTF-8 text already.
   *
   * @maxItems 50
   */
  ParseJson?: string[];
  /**
   * Dot paths (such as Item.pk.S or Parameters.0.Name) of the answer's values or subtrees to keep in Output. Defaults to the whole answer when its JSON is at most 32768 characters, and to nothing for a larger answer: name what to keep.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Answer values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the answer, as OutputPaths writes them (after ParseJson). Read one with Fn::GetAtt [Call, Outputs.<name>]. A path the answer does not hold fails with InvalidRequest naming Expose.<name> (the call has been made by then).
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
}
/**
 * The call made on an update (any change of OnCreate, OnUpdate, OnDelete or RunToken). Without it, an update makes the OnCreate call again, as CDK's AwsCustomResource does. A rollback to the last properties that succeeded calls nothing.
 */
export interface AwsSdkCall1 {
  /**
   * The SDK v3 client, as its package is named without @aws-sdk/client- (dynamodb, s3, ssm, secrets-manager, sfn); @aws-sdk/client-dynamodb and client-dynamodb are taken too. The handler loads the client at run time from the Lambda runtime's own SDK: an unknown name fails with InvalidRequest naming the nearest clients.
   */
  Service: string;
  /**
   * The API operation, as the service's API reference names it (PutItem) or in camelCase (putItem): the client's <Action>Command. An unknown one fails with InvalidRequest naming the nearest operations of the client.
   */
  Action: string;
  /**
   * The operation's input, as the SDK v3 command takes it (DynamoDB items in attribute-value form: {"pk": {"S": "a"}}). A string must hold a JSON object, for values built with Fn::Sub or Fn::Join. Defaults to {}. A value the service rejects fails with InvalidRequest and the service's message.
   */
  Parameters?: {} | string;
  /**
   * A regular expression (JavaScript syntax) over the name of the error the call fails with (ConditionalCheckFailedException, ParameterNotFound, NoSuchKey): a matching error counts as success with no answer, and IgnoredError names it. Useful for a delete of something that may be gone already.
   */
  IgnoreErrorCodesMatching?: string;
  /**
   * Follow the client's paginator for Action (paginate<Action>: its token and page-size fields) and concatenate the pages: list fields are joined in page order, every other field is the last page's. Fails with InvalidRequest when the client has no paginator for Action. Default false: one call.
   */
  Paginate?: boolean;
  /**
   * Dot paths (as OutputPaths writes them: Body, Parameter.Value, Payload) of answer fields that hold JSON text, parsed before OutputPaths and Expose select from the answer, so they can address inside it (Body.model.uri). A field that is not JSON text fails with InvalidRequest naming the path. Binary and stream fields (S3 Body, Lambda Payload) are UTF-8 text already.
   *
   * @maxItems 50
   */
  ParseJson?: string[];
  /**
   * Dot paths (such as Item.pk.S or Parameters.0.Name) of the answer's values or subtrees to keep in Output. Defaults to the whole answer when its JSON is at most 32768 characters, and to nothing for a larger answer: name what to keep.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Answer values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the answer, as OutputPaths writes them (after ParseJson). Read one with Fn::GetAtt [Call, Outputs.<name>]. A path the answer does not hold fails with InvalidRequest naming Expose.<name> (the call has been made by then).
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
}
/**
 * The call made on delete, once a create or update has succeeded. Without it, delete calls nothing.
 */
export interface AwsSdkCall2 {
  /**
   * The SDK v3 client, as its package is named without @aws-sdk/client- (dynamodb, s3, ssm, secrets-manager, sfn); @aws-sdk/client-dynamodb and client-dynamodb are taken too. The handler loads the client at run time from the Lambda runtime's own SDK: an unknown name fails with InvalidRequest naming the nearest clients.
   */
  Service: string;
  /**
   * The API operation, as the service's API reference names it (PutItem) or in camelCase (putItem): the client's <Action>Command. An unknown one fails with InvalidRequest naming the nearest operations of the client.
   */
  Action: string;
  /**
   * The operation's input, as the SDK v3 command takes it (DynamoDB items in attribute-value form: {"pk": {"S": "a"}}). A string must hold a JSON object, for values built with Fn::Sub or Fn::Join. Defaults to {}. A value the service rejects fails with InvalidRequest and the service's message.
   */
  Parameters?: {} | string;
  /**
   * A regular expression (JavaScript syntax) over the name of the error the call fails with (ConditionalCheckFailedException, ParameterNotFound, NoSuchKey): a matching error counts as success with no answer, and IgnoredError names it. Useful for a delete of something that may be gone already.
   */
  IgnoreErrorCodesMatching?: string;
  /**
   * Follow the client's paginator for Action (paginate<Action>: its token and page-size fields) and concatenate the pages: list fields are joined in page order, every other field is the last page's. Fails with InvalidRequest when the client has no paginator for Action. Default false: one call.
   */
  Paginate?: boolean;
  /**
   * Dot paths (as OutputPaths writes them: Body, Parameter.Value, Payload) of answer fields that hold JSON text, parsed before OutputPaths and Expose select from the answer, so they can address inside it (Body.model.uri). A field that is not JSON text fails with InvalidRequest naming the path. Binary and stream fields (S3 Body, Lambda Payload) are UTF-8 text already.
   *
   * @maxItems 50
   */
  ParseJson?: string[];
  /**
   * Dot paths (such as Item.pk.S or Parameters.0.Name) of the answer's values or subtrees to keep in Output. Defaults to the whole answer when its JSON is at most 32768 characters, and to nothing for a larger answer: name what to keep.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Answer values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the answer, as OutputPaths writes them (after ParseJson). Read one with Fn::GetAtt [Call, Outputs.<name>]. A path the answer does not hold fails with InvalidRequest naming Expose.<name> (the call has been made by then).
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
}
/**
 * The answer as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text). Fn::GetAtt [Call, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
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
 * The answer values Expose names, by name: a string as it is, any other value as JSON text that parses back to it. Read one with Fn::GetAtt [Call, Outputs.<name>]: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
 */
export interface SelectedOutputs {
  /**
   * This interface was referenced by `SelectedOutputs`'s JSON-Schema definition
   * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
   */
  [k: string]: string;
}

/**
 * Set by the account admin with SetTypeConfiguration (aws cloudformation set-type-configuration, or npm run register with a scopes file); not by stack authors. Without it the type makes no call.
 */
export interface TypeConfiguration {
  /**
   * The calls the type may make, as IAM actions: <service prefix>:<operation>, such as dynamodb:PutItem, ssm:GetParametersByPath, s3:Get*. The prefix is the client's IAM signing name (states for sfn, secretsmanager for secrets-manager); * matches any characters, case is ignored; an operation IAM authorises under another action's name (Lambda Invoke as lambda:InvokeFunction, S3 ListObjectsV2 as s3:ListBucket) matches either name. A call no entry matches fails with AccessDenied naming it, before anything is called. The execution role must allow the same actions (and can narrow their resources): the role stack's CallActions and CallResourceArns.
   */
  AllowedActions?: string[];
}

// Generated from resource-types/aws-call/orch-aws-call.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnAwsCall (`Orch::Aws::Call`).
 *
 * @schema CfnAwsCallProps
 */
export interface CfnAwsCallProps {
  /**
   * The call made on create. Without it, create calls nothing.
   *
   * @schema CfnAwsCallProps#OnCreate
   */
  readonly onCreate?: CfnAwsCallAwsSdkCall;

  /**
   * The call made on an update (any change of OnCreate, OnUpdate, OnDelete or RunToken). Without it, an update makes the OnCreate call again, as CDK's AwsCustomResource does. A rollback to the last properties that succeeded calls nothing.
   *
   * @schema CfnAwsCallProps#OnUpdate
   */
  readonly onUpdate?: CfnAwsCallAwsSdkCall;

  /**
   * The call made on delete, once a create or update has succeeded. Without it, delete calls nothing.
   *
   * @schema CfnAwsCallProps#OnDelete
   */
  readonly onDelete?: CfnAwsCallAwsSdkCall;

  /**
   * Any string; changing it makes the update call (OnUpdate, or OnCreate without one) again.
   *
   * @schema CfnAwsCallProps#RunToken
   */
  readonly runToken?: string;

  /**
   * Any string naming what the calls act on (a table item's key, a parameter's name): changing it replaces the resource. CloudFormation then creates a new one, whose OnCreate call is made, and deletes this one, whose OnDelete call is made with its own recorded properties, as CDK's AwsCustomResource does when the physical resource id changes.
   *
   * @schema CfnAwsCallProps#ResourceKey
   */
  readonly resourceKey?: string;
}

/**
 * Converts an object of type 'CfnAwsCallProps' to JSON representation.
 * @internal
 */
export function toJson_CfnAwsCallProps(obj: CfnAwsCallProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'OnCreate': toJson_CfnAwsCallAwsSdkCall(obj.onCreate),
    'OnUpdate': toJson_CfnAwsCallAwsSdkCall(obj.onUpdate),
    'OnDelete': toJson_CfnAwsCallAwsSdkCall(obj.onDelete),
    'RunToken': obj.runToken,
    'ResourceKey': obj.resourceKey,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * One AWS SDK v3 call: the client named by Service, the command named by Action, with Parameters as its input.
 *
 * @schema CfnAwsCallAwsSdkCall
 */
export interface CfnAwsCallAwsSdkCall {
  /**
   * The SDK v3 client, as its package is named without @aws-sdk/client- (dynamodb, s3, ssm, secrets-manager, sfn); @aws-sdk/client-dynamodb and client-dynamodb are taken too. The handler loads the client at run time from the Lambda runtime's own SDK: an unknown name fails with InvalidRequest naming the nearest clients.
   *
   * @schema CfnAwsCallAwsSdkCall#Service
   */
  readonly service: string;

  /**
   * The API operation, as the service's API reference names it (PutItem) or in camelCase (putItem): the client's <Action>Command. An unknown one fails with InvalidRequest naming the nearest operations of the client.
   *
   * @schema CfnAwsCallAwsSdkCall#Action
   */
  readonly action: string;

  /**
   * The operation's input, as the SDK v3 command takes it (DynamoDB items in attribute-value form: {"pk": {"S": "a"}}). A string must hold a JSON object, for values built with Fn::Sub or Fn::Join. Defaults to {}. A value the service rejects fails with InvalidRequest and the service's message.
   *
   * @default A value the service rejects fails with InvalidRequest and the service's message.
   * @schema CfnAwsCallAwsSdkCall#Parameters
   */
  readonly parameters?: any;

  /**
   * A regular expression (JavaScript syntax) over the name of the error the call fails with (ConditionalCheckFailedException, ParameterNotFound, NoSuchKey): a matching error counts as success with no answer, and IgnoredError names it. Useful for a delete of something that may be gone already.
   *
   * @schema CfnAwsCallAwsSdkCall#IgnoreErrorCodesMatching
   */
  readonly ignoreErrorCodesMatching?: string;

  /**
   * Follow the client's paginator for Action (paginate<Action>: its token and page-size fields) and concatenate the pages: list fields are joined in page order, every other field is the last page's. Fails with InvalidRequest when the client has no paginator for Action. Default false: one call.
   *
   * @schema CfnAwsCallAwsSdkCall#Paginate
   */
  readonly paginate?: boolean;

  /**
   * Dot paths (as OutputPaths writes them: Body, Parameter.Value, Payload) of answer fields that hold JSON text, parsed before OutputPaths and Expose select from the answer, so they can address inside it (Body.model.uri). A field that is not JSON text fails with InvalidRequest naming the path. Binary and stream fields (S3 Body, Lambda Payload) are UTF-8 text already.
   *
   * @schema CfnAwsCallAwsSdkCall#ParseJson
   */
  readonly parseJson?: string[];

  /**
   * Dot paths (such as Item.pk.S or Parameters.0.Name) of the answer's values or subtrees to keep in Output. Defaults to the whole answer when its JSON is at most 32768 characters, and to nothing for a larger answer: name what to keep.
   *
   * @default the whole answer when its JSON is at most 32768 characters, and to nothing for a larger answer: name what to keep.
   * @schema CfnAwsCallAwsSdkCall#OutputPaths
   */
  readonly outputPaths?: string[];

  /**
   * Answer values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the answer, as OutputPaths writes them (after ParseJson). Read one with Fn::GetAtt [Call, Outputs.<name>]. A path the answer does not hold fails with InvalidRequest naming Expose.<name> (the call has been made by then).
   *
   * @schema CfnAwsCallAwsSdkCall#Expose
   */
  readonly expose?: { [key: string]: string };
}

/**
 * Converts an object of type 'CfnAwsCallAwsSdkCall' to JSON representation.
 * @internal
 */
export function toJson_CfnAwsCallAwsSdkCall(obj: CfnAwsCallAwsSdkCall | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'Service': obj.service,
    'Action': obj.action,
    'Parameters': obj.parameters,
    'IgnoreErrorCodesMatching': obj.ignoreErrorCodesMatching,
    'Paginate': obj.paginate,
    'ParseJson': obj.parseJson?.map(y => y),
    'OutputPaths': obj.outputPaths?.map(y => y),
    'Expose': ((obj.expose) === undefined) ? undefined : (Object.entries(obj.expose).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * Makes one AWS SDK call on create, on update and on delete (each optional), and exposes fields of its answer as attributes: the registry-type answer to CDK's AwsCustomResource, with no Lambda function in the template. Every call is made at most once per request. The account admin names the actions it may make (type configuration AllowedActions; none by default).
 *
 * The L1 class of the registry type `Orch::Aws::Call`, which must be registered in the account.
 *
 * @cloudformationResource Orch::Aws::Call
 */
export class CfnAwsCall extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::Aws::Call";

  /** The props this resource was created with. */
  public readonly props: CfnAwsCallProps;

  /**
   * Identifier of this call resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * The AWS request id of the last create or update call, as the service's logs and CloudTrail show it.
   *
   * @cloudformationAttribute RequestId
   */
  public readonly attrRequestId: string;

  /**
   * The name of the error IgnoreErrorCodesMatching let pass on the last create or update call; absent when the call succeeded.
   *
   * @cloudformationAttribute IgnoredError
   */
  public readonly attrIgnoredError: string;

  /**
   * The last create or update call's answer as JSON text (binary and stream fields as text, ParseJson applied, the SDK's $metadata left out), when it is at most 32768 characters.
   *
   * @cloudformationAttribute Result
   */
  public readonly attrResult: string;

  /**
   * The answer as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text). Fn::GetAtt [Call, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
   *
   * @cloudformationAttribute Output
   */
  public readonly attrOutput: cdk.IResolvable;

  /**
   * The answer values Expose names, by name: a string as it is, any other value as JSON text that parses back to it. Read one with Fn::GetAtt [Call, Outputs.<name>]: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
   *
   * @cloudformationAttribute Outputs
   */
  public readonly attrOutputs: cdk.IResolvable;

  public constructor(scope: Construct, id: string, props: CfnAwsCallProps) {
    super(scope, id, { type: CfnAwsCall.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnAwsCallProps(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrRequestId = cdk.Token.asString(this.getAtt("RequestId", cdk.ResolutionTypeHint.STRING));
    this.attrIgnoredError = cdk.Token.asString(this.getAtt("IgnoredError", cdk.ResolutionTypeHint.STRING));
    this.attrResult = cdk.Token.asString(this.getAtt("Result", cdk.ResolutionTypeHint.STRING));
    this.attrOutput = this.getAtt("Output");
    this.attrOutputs = this.getAtt("Outputs");
  }

  /**
   * One entry of Outputs: `Fn::GetAtt [<logical id>, Outputs.<key>]`, a string.
   *
   * @param key the entry's key, matching ^[A-Za-z0-9]{1,64}$
   */
  public getOutput(key: string): string {
    if (!cdk.Token.isUnresolved(key) && !/^[A-Za-z0-9]{1,64}$/.test(key)) {
      throw new Error(`${this.node.path}: CfnAwsCall.getOutput(${JSON.stringify(key)}): the key must match ^[A-Za-z0-9]{1,64}$`);
    }
    return cdk.Token.asString(this.getAtt(`Outputs.${key}`, cdk.ResolutionTypeHint.STRING));
  }
}

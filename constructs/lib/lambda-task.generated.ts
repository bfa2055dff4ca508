// Generated from resource-types/lambda-task/orch-lambda-task.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnLambdaTask (`Orch::Lambda::Task`).
 *
 * @schema CfnLambdaTaskProps
 */
export interface CfnLambdaTaskProps {
  /**
   * The function to invoke: its name, partial ARN (123456789012:function:name) or ARN, optionally qualified with a version or alias (name:3, name:live). Its configured timeout must be at most 45 seconds; for longer functions use an Orch::StepFunctions::Task whose state machine invokes the function.
   *
   * @schema CfnLambdaTaskProps#FunctionName
   */
  readonly functionName: string;

  /**
   * The event the function receives: a JSON object, or a string that holds a JSON document. Defaults to {}.
   *
   * @schema CfnLambdaTaskProps#Payload
   */
  readonly payload?: any;

  /**
   * Dot paths (such as model.uri or metrics.0) of the returned values or subtrees to keep in Output. Defaults to the whole returned value.
   *
   * @default the whole returned value.
   * @schema CfnLambdaTaskProps#OutputPaths
   */
  readonly outputPaths?: string[];

  /**
   * Returned values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in what the function returned, as OutputPaths writes them (model.uri, metrics.0.accuracy; value for a returned value that is not an object or array). Read one with Fn::GetAtt [Task, Outputs.<name>]. A path the returned value does not hold fails the create or update with InvalidRequest naming Expose.<name> (the function has run by then). Changing it invokes the function again.
   *
   * @schema CfnLambdaTaskProps#Expose
   */
  readonly expose?: { [key: string]: string };

  /**
   * Any string; changing it invokes the function again with the same payload.
   *
   * @schema CfnLambdaTaskProps#RunToken
   */
  readonly runToken?: string;
}

/**
 * Converts an object of type 'CfnLambdaTaskProps' to JSON representation.
 * @internal
 */
export function toJson_CfnLambdaTaskProps(obj: CfnLambdaTaskProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'FunctionName': obj.functionName,
    'Payload': obj.payload,
    'OutputPaths': obj.outputPaths?.map(y => y),
    'Expose': ((obj.expose) === undefined) ? undefined : (Object.entries(obj.expose).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
    'RunToken': obj.runToken,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * Invokes an AWS Lambda function once per create, and once per update that changes what the function sees, and exposes its return value as attributes. A function error fails the resource with the function's error type and message.
 *
 * The L1 class of the registry type `Orch::Lambda::Task`, which must be registered in the account.
 *
 * @cloudformationResource Orch::Lambda::Task
 */
export class CfnLambdaTask extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::Lambda::Task";

  /** The props this resource was created with. */
  public readonly props: CfnLambdaTaskProps;

  /**
   * Identifier of this task resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * ARN of the function invoked, as Lambda reports its configuration.
   *
   * @cloudformationAttribute FunctionArn
   */
  public readonly attrFunctionArn: string;

  /**
   * The function version that ran (an alias resolves to a version).
   *
   * @cloudformationAttribute ExecutedVersion
   */
  public readonly attrExecutedVersion: string;

  /**
   * Lambda's request id of the invocation, as it appears in the function's logs.
   *
   * @cloudformationAttribute RequestId
   */
  public readonly attrRequestId: string;

  /**
   * The returned value as JSON text, when it is at most 32768 characters; a larger value is left out here and read through Output.
   *
   * @cloudformationAttribute Result
   */
  public readonly attrResult: string;

  /**
   * The returned value as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it; a value that is not an object is Output.value). Fn::GetAtt [Task, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
   *
   * @cloudformationAttribute Output
   */
  public readonly attrOutput: cdk.IResolvable;

  /**
   * The returned values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Task, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
   *
   * @cloudformationAttribute Outputs
   */
  public readonly attrOutputs: cdk.IResolvable;

  public constructor(scope: Construct, id: string, props: CfnLambdaTaskProps) {
    super(scope, id, { type: CfnLambdaTask.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnLambdaTaskProps(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrFunctionArn = cdk.Token.asString(this.getAtt("FunctionArn", cdk.ResolutionTypeHint.STRING));
    this.attrExecutedVersion = cdk.Token.asString(this.getAtt("ExecutedVersion", cdk.ResolutionTypeHint.STRING));
    this.attrRequestId = cdk.Token.asString(this.getAtt("RequestId", cdk.ResolutionTypeHint.STRING));
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
      throw new Error(`${this.node.path}: CfnLambdaTask.getOutput(${JSON.stringify(key)}): the key must match ^[A-Za-z0-9]{1,64}$`);
    }
    return cdk.Token.asString(this.getAtt(`Outputs.${key}`, cdk.ResolutionTypeHint.STRING));
  }
}

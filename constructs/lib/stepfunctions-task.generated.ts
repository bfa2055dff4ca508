// Generated from resource-types/stepfunctions-task/orch-stepfunctions-task.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnStepFunctionsTask (`Orch::StepFunctions::Task`).
 *
 * @schema CfnStepFunctionsTaskProps
 */
export interface CfnStepFunctionsTaskProps {
  /**
   * ARN of the state machine to execute: a state machine, a version (name:N) or an alias (name:alias). Give either StateMachineArn or FollowExecutionArn.
   *
   * @schema CfnStepFunctionsTaskProps#StateMachineArn
   */
  readonly stateMachineArn?: string;

  /**
   * ARN of an execution started elsewhere (such as by another Orch::StepFunctions::Task, read with Fn::GetAtt [Task, ExecutionArn]) to follow instead of starting one: the resource waits for its end and exposes its output as if it had started it, and fails with the execution's error. It never starts an execution and never stops this one, also not on delete. Give either StateMachineArn or FollowExecutionArn; a follower takes no Input, NamePrefix or StopOnDelete.
   *
   * @schema CfnStepFunctionsTaskProps#FollowExecutionArn
   */
  readonly followExecutionArn?: string;

  /**
   * Execution input: a JSON object, or a string that holds a JSON document. Defaults to {}.
   *
   * @schema CfnStepFunctionsTaskProps#Input
   */
  readonly input?: any;

  /**
   * Prefix of the execution names. The rest of each name is derived from the CloudFormation request, so a re-sent request never starts a second execution. Defaults to the logical id.
   *
   * @default the logical id.
   * @schema CfnStepFunctionsTaskProps#NamePrefix
   */
  readonly namePrefix?: string;

  /**
   * Dot paths (such as model.uri or metrics.0) of the output values or subtrees to keep as attributes. Defaults to the whole output.
   *
   * @default the whole output.
   * @schema CfnStepFunctionsTaskProps#OutputPaths
   */
  readonly outputPaths?: string[];

  /**
   * Output values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the execution output, as OutputPaths writes them (model.uri, metrics.0.accuracy; a key holding a dot cannot be named). Read one with Fn::GetAtt [Task, Outputs.<name>]. A path the output does not hold fails the create or update with InvalidRequest naming Expose.<name> (the execution has run by then). Changing it runs the task again.
   *
   * @schema CfnStepFunctionsTaskProps#Expose
   */
  readonly expose?: { [key: string]: string };

  /**
   * Any string; changing it runs the task again with the same input.
   *
   * @schema CfnStepFunctionsTaskProps#RunToken
   */
  readonly runToken?: string;

  /**
   * Whether deleting the resource (including a rollback) stops an execution that is still running. Defaults to true.
   *
   * @default true.
   * @schema CfnStepFunctionsTaskProps#StopOnDelete
   */
  readonly stopOnDelete?: boolean;

  /**
   * Seconds to follow the execution before handing over: when they have passed and the execution still runs, the create or update succeeds with Status RUNNING and HandedOver true instead of waiting on, so that a resource depending on this one follows the same execution on with FollowExecutionArn (Outputs and Output stay empty). From 1 to 126000 (35 hours, an hour under the 36-hour handler timeout); counted from when this resource began following. Defaults to none: the resource follows the execution to its end and fails at the handler timeout.
   *
   * @default none: the resource follows the execution to its end and fails at the handler timeout.
   * @schema CfnStepFunctionsTaskProps#HandOverAfterSeconds
   */
  readonly handOverAfterSeconds?: number;
}

/**
 * Converts an object of type 'CfnStepFunctionsTaskProps' to JSON representation.
 * @internal
 */
export function toJson_CfnStepFunctionsTaskProps(obj: CfnStepFunctionsTaskProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'StateMachineArn': obj.stateMachineArn,
    'FollowExecutionArn': obj.followExecutionArn,
    'Input': obj.input,
    'NamePrefix': obj.namePrefix,
    'OutputPaths': obj.outputPaths?.map(y => y),
    'Expose': ((obj.expose) === undefined) ? undefined : (Object.entries(obj.expose).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
    'RunToken': obj.runToken,
    'StopOnDelete': obj.stopOnDelete,
    'HandOverAfterSeconds': obj.handOverAfterSeconds,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * Runs one AWS Step Functions execution as a CloudFormation resource: create and update start an execution (or follow one started elsewhere, FollowExecutionArn), follow it to its end or to HandOverAfterSeconds and expose its output as attributes; delete stops an execution it started if it is still running.
 *
 * The L1 class of the registry type `Orch::StepFunctions::Task`, which must be registered in the account.
 *
 * @cloudformationResource Orch::StepFunctions::Task
 */
export class CfnStepFunctionsTask extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::StepFunctions::Task";

  /** The props this resource was created with. */
  public readonly props: CfnStepFunctionsTaskProps;

  /**
   * Identifier of this task resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * ARN of the latest execution.
   *
   * @cloudformationAttribute ExecutionArn
   */
  public readonly attrExecutionArn: string;

  /**
   * Status of the latest execution.
   *
   * @cloudformationAttribute Status
   */
  public readonly attrStatus: string;

  /**
   * True when the resource stopped following at HandOverAfterSeconds while the execution still ran (Status RUNNING); false when it followed the execution to its end.
   *
   * @cloudformationAttribute HandedOver
   */
  public readonly attrHandedOver: cdk.IResolvable;

  /**
   * When the latest execution started (ISO 8601).
   *
   * @cloudformationAttribute StartDate
   */
  public readonly attrStartDate: string;

  /**
   * When the latest execution ended (ISO 8601).
   *
   * @cloudformationAttribute StopDate
   */
  public readonly attrStopDate: string;

  /**
   * The execution output as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it). Fn::GetAtt [Task, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
   *
   * @cloudformationAttribute Output
   */
  public readonly attrOutput: cdk.IResolvable;

  /**
   * The output values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Task, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
   *
   * @cloudformationAttribute Outputs
   */
  public readonly attrOutputs: cdk.IResolvable;

  public constructor(scope: Construct, id: string, props: CfnStepFunctionsTaskProps) {
    super(scope, id, { type: CfnStepFunctionsTask.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnStepFunctionsTaskProps(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrExecutionArn = cdk.Token.asString(this.getAtt("ExecutionArn", cdk.ResolutionTypeHint.STRING));
    this.attrStatus = cdk.Token.asString(this.getAtt("Status", cdk.ResolutionTypeHint.STRING));
    this.attrHandedOver = this.getAtt("HandedOver", cdk.ResolutionTypeHint.STRING);
    this.attrStartDate = cdk.Token.asString(this.getAtt("StartDate", cdk.ResolutionTypeHint.STRING));
    this.attrStopDate = cdk.Token.asString(this.getAtt("StopDate", cdk.ResolutionTypeHint.STRING));
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
      throw new Error(`${this.node.path}: CfnStepFunctionsTask.getOutput(${JSON.stringify(key)}): the key must match ^[A-Za-z0-9]{1,64}$`);
    }
    return cdk.Token.asString(this.getAtt(`Outputs.${key}`, cdk.ResolutionTypeHint.STRING));
  }
}

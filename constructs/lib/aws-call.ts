import { Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { CfnAwsCall, CfnAwsCallAwsSdkCall } from './aws-call.generated';
import { ExposedOutputs } from './private/exposed-outputs';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';

/** One AWS SDK v3 call of an AwsCall. */
export interface AwsSdkCall {
  /**
   * The SDK v3 client, as its package is named without `@aws-sdk/client-`: `dynamodb`, `s3`, `ssm`, `secrets-manager`.
   * The type's handler loads it at run time from the Lambda runtime's SDK.
   */
  readonly service: string;

  /** The operation, as the service's API reference names it (`PutItem`) or in camelCase (`putItem`). */
  readonly action: string;

  /**
   * The operation's input, as the SDK v3 command takes it. Tokens in it resolve at deploy.
   *
   * @default {}
   */
  readonly parameters?: { [key: string]: any };

  /**
   * A regular expression over the error's name (`ResourceNotFoundException`): a matching error counts as success.
   *
   * @default - every error fails the resource
   */
  readonly ignoreErrorCodesMatching?: string;

  /**
   * Follow the client's paginator for the action and concatenate the pages.
   *
   * @default false
   */
  readonly paginate?: boolean;

  /**
   * Dot paths of answer fields that hold JSON text (`Body`, `Parameter.Value`), parsed so `output()` can address inside them.
   *
   * @default - none
   */
  readonly parseJson?: string[];
}

/** Properties of an AwsCall. */
export interface AwsCallProps {
  /**
   * The call made on create.
   *
   * @default - create calls nothing
   */
  readonly onCreate?: AwsSdkCall;

  /**
   * The call made on an update: any change of the calls or of the run token (or every deployment with runAlways).
   *
   * @default - such an update makes the onCreate call again
   */
  readonly onUpdate?: AwsSdkCall;

  /**
   * The call made on delete, once a create or update succeeded.
   *
   * @default - delete calls nothing
   */
  readonly onDelete?: AwsSdkCall;

  /**
   * What the calls act on (a table item's key, a parameter's name): a new value replaces the resource, so
   * CloudFormation makes the new one's onCreate call, then the old one's onDelete call, as AwsCustomResource does
   * when its physical resource id changes.
   *
   * @default - the resource is updated in place, never replaced
   */
  readonly resourceKey?: string;

  /**
   * Make the update call again on every deployment: each synth writes a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change makes the update call again (an asset hash, a version string).
   *
   * @default - the call is made again only when a call changes
   */
  readonly rerunOn?: string[];
}

/**
 * One AWS SDK call per create, update and delete as a CloudFormation resource (`Orch::Aws::Call`), with no Lambda
 * function in the stack: `output(path)` reads a value of the create or update call's answer.
 *
 * The calls run with the type's execution role and only for actions the account admin allowed (the type
 * configuration's AllowedActions and the role's CallActions): this construct grants nothing.
 */
export class AwsCall extends Construct {
  /** The resource's id, also its Ref. */
  public readonly callId: string;

  /** The AWS request id of the last create or update call. */
  public readonly requestId: string;

  /** The answer as JSON text, when at most 32768 characters. */
  public readonly result: string;

  private readonly outputs: ExposedOutputs;

  public constructor(scope: Construct, id: string, props: AwsCallProps) {
    super(scope, id);
    const resource = new CfnAwsCall(this, 'Resource', {
      onCreate: props.onCreate && answered(props.onCreate),
      onUpdate: props.onUpdate && answered(props.onUpdate),
      onDelete: props.onDelete && sdkCall(props.onDelete),
      runToken: checkedRunToken(this, props, 'makes the update call'),
      resourceKey: props.resourceKey,
    });
    // output() fills Expose of each call whose answer becomes the attributes: create's, and update's when given.
    const answering = [props.onCreate && 'OnCreate.Expose', props.onUpdate && 'OnUpdate.Expose'].filter((p): p is string => !!p);
    this.outputs = new ExposedOutputs(this, resource, undefined, answering);
    this.node.addValidation({
      validate: () => (this.outputs.requested && answering.length === 0 ? ['output() reads the answer of onCreate or onUpdate: give one'] : []),
    });
    this.callId = resource.ref;
    this.requestId = resource.attrRequestId;
    this.result = resource.attrResult;
  }

  /**
   * The value at a dot path of the answer (`Item.pk.S`, `Body.model.uri` with parseJson `Body`), as a string token.
   *
   * The path goes into the calls' Expose at synth. A string comes as it is; any other value as JSON text.
   *
   * @param path dot path into the answer
   */
  public output(path: string): string {
    return this.outputs.token(path);
  }

  /**
   * The number at a dot path of the answer, as a number token.
   *
   * @param path dot path into the answer
   */
  public outputNumber(path: string): number {
    return Token.asNumber(this.output(path));
  }

  /**
   * Makes the calls after every resource of `others`: CloudFormation DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): AwsCall {
    executeAfter(this, others);
    return this;
  }

  /**
   * Creates every resource of `others` after this call: CloudFormation DependsOn.
   *
   * @param others constructs whose resources wait for this call
   */
  public executeBefore(...others: IConstruct[]): AwsCall {
    executeBefore(this, others);
    return this;
  }
}

function sdkCall(call: AwsSdkCall): CfnAwsCallAwsSdkCall {
  return {
    service: call.service,
    action: call.action,
    parameters: call.parameters,
    ignoreErrorCodesMatching: call.ignoreErrorCodesMatching,
    paginate: call.paginate,
    parseJson: call.parseJson,
  };
}

/** A call whose answer becomes attributes: values are read through Expose only, so an empty OutputPaths keeps the record small. */
function answered(call: AwsSdkCall): CfnAwsCallAwsSdkCall {
  return { ...sdkCall(call), outputPaths: [] };
}

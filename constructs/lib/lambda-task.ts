import { Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { CfnLambdaTask } from './lambda-task.generated';
import { ExposedOutputs } from './private/exposed-outputs';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';

/** The type's handler waits for one synchronous invocation per request, so the function must end within this. */
const MAX_FUNCTION_TIMEOUT_SECONDS = 45;

/** Properties of a LambdaTask. */
export interface LambdaTaskProps {
  /**
   * The function to invoke (a function, a version or an alias), synchronously, once per create and once per update
   * that changes what it sees. Its configured timeout must be at most 45 seconds; a longer job belongs in a state
   * machine run by a StepFunctionsTask.
   *
   * The invocation runs with the type's execution role, which the account admin set at registration, not with the
   * stack's: this construct grants nothing, and the admin allows the function through the registration scopes.
   */
  readonly function: lambda.IFunction;

  /**
   * The event the function receives, a JSON object. Tokens in it (a bucket name, another task's output) resolve
   * at deploy.
   *
   * @default {}
   */
  readonly payload?: { [key: string]: any };

  /**
   * Invoke the function again on every deployment: each synth writes a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change invokes the function again with the same payload (an asset hash, a version string).
   *
   * Values known at synth become a digest, so the same values write the same RunToken; a token among them makes
   * the RunToken the values joined at deploy, which must stay within 256 characters.
   *
   * @default - the function runs again only when a property changes
   */
  readonly rerunOn?: string[];
}

/**
 * One synchronous AWS Lambda invocation as a CloudFormation resource (`Orch::Lambda::Task`): the deployment invokes
 * the function and keeps what it returned; `output(path)` reads a value of it. A function error fails the resource.
 */
export class LambdaTask extends Construct {
  /** The resource's id, also its Ref. */
  public readonly taskId: string;

  /** ARN of the function invoked, as Lambda reports its configuration. */
  public readonly functionArn: string;

  /** The function version that ran (an alias resolves to a version). */
  public readonly executedVersion: string;

  /** Lambda's request id of the invocation, as the function's logs show it. */
  public readonly requestId: string;

  /**
   * The returned value as JSON text, when at most 32768 characters (the attribute is absent for a larger value;
   * read such a value's parts with `output(path)`).
   */
  public readonly result: string;

  private readonly outputs: ExposedOutputs;

  public constructor(scope: Construct, id: string, props: LambdaTaskProps) {
    super(scope, id);
    const timeout = configuredTimeout(props.function);
    if (timeout !== undefined && timeout > MAX_FUNCTION_TIMEOUT_SECONDS) {
      throw new Error(
        `${this.node.path}: the function's timeout is ${timeout} seconds; Orch::Lambda::Task invokes functions of at most ${MAX_FUNCTION_TIMEOUT_SECONDS} seconds (run a longer one from a state machine with a StepFunctionsTask)`,
      );
    }
    const resource = new CfnLambdaTask(this, 'Resource', {
      functionName: props.function.functionArn,
      payload: props.payload,
      // Values are read through Expose only; an empty OutputPaths keeps nothing in Output, so a large document never fills the task record.
      outputPaths: [],
      runToken: checkedRunToken(this, props, 'invokes the function'),
    });
    this.outputs = new ExposedOutputs(this, resource);
    this.taskId = resource.ref;
    this.functionArn = resource.attrFunctionArn;
    this.executedVersion = resource.attrExecutedVersion;
    this.requestId = resource.attrRequestId;
    this.result = resource.attrResult;
  }

  /**
   * The value at a dot path of what the function returned (`model.uri`, `metrics.0.accuracy`; `value` when it
   * returned no object or array), as a string token.
   *
   * The path goes into the resource's Expose at synth, so only values someone reads are kept. A string comes as
   * it is; a number, boolean or null as its JSON text; an object or array as JSON text that parses back to it.
   * Reading a path no earlier deployment read changes Expose, and the next deployment invokes the function again.
   *
   * @param path dot path into the returned value
   */
  public output(path: string): string {
    return this.outputs.token(path);
  }

  /**
   * The number at a dot path of what the function returned, as a number token.
   *
   * @param path dot path into the returned value
   */
  public outputNumber(path: string): number {
    return Token.asNumber(this.output(path));
  }

  /**
   * Runs this task after every resource of `others` (tasks, buckets, whole subtrees): CloudFormation DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): LambdaTask {
    executeAfter(this, others);
    return this;
  }

  /**
   * Runs every resource of `others` after this task: CloudFormation DependsOn.
   *
   * @param others constructs whose resources wait for this task
   */
  public executeBefore(...others: IConstruct[]): LambdaTask {
    executeBefore(this, others);
    return this;
  }
}

/** The timeout in seconds set on a function this app defines (or its version or alias), when known at synth. */
function configuredTimeout(fn: lambda.IFunction): number | undefined {
  const defined = fn instanceof lambda.Alias ? fn.version.lambda : fn instanceof lambda.Version ? fn.lambda : fn;
  if (!(defined instanceof lambda.Function) || !defined.timeout || Token.isUnresolved(defined.timeout.toSeconds())) return undefined;
  return defined.timeout.toSeconds();
}

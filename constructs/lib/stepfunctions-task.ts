import { Token } from 'aws-cdk-lib';
import { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { executeAfter, executeBefore } from './private/ordering';
import { invalidPath, MAX_OUTPUTS, OutputRequests } from './private/output-requests';
import { runToken } from './private/run-token';
import { CfnStepFunctionsTask } from './stepfunctions-task.generated';

/** Properties of a StepFunctionsTask. */
export interface StepFunctionsTaskProps {
  /**
   * The state machine to execute (a state machine, a version or an alias).
   *
   * The execution runs with the type's execution role, not the stack's: the account admin allows it with the
   * scopes given at registration; this construct grants nothing.
   */
  readonly stateMachine: IStateMachine;

  /**
   * The execution input, a JSON object. Tokens in it (a bucket name, a parameter) resolve at deploy.
   *
   * @default {}
   */
  readonly input?: { [key: string]: any };

  /**
   * Prefix of the execution names.
   *
   * @default the logical id
   */
  readonly namePrefix?: string;

  /**
   * Run the execution again on every deployment: each synth writes a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change runs the execution again with the same input (an asset hash, a version string).
   *
   * Values known at synth become a digest, so the same values write the same RunToken; a token among them makes
   * the RunToken the values joined at deploy, which must stay within 256 characters.
   *
   * @default - the execution runs again only when a property changes
   */
  readonly rerunOn?: string[];

  /**
   * Whether deleting the resource (a rollback included) stops an execution that still runs.
   *
   * @default true
   */
  readonly stopOnDelete?: boolean;
}

/**
 * One AWS Step Functions execution as a CloudFormation resource (`Orch::StepFunctions::Task`): the deployment
 * starts the execution and waits for its end; `output(path)` reads a value of its output.
 */
export class StepFunctionsTask extends Construct {
  /** The resource's id, also its Ref. */
  public readonly taskId: string;

  /** ARN of the latest execution. */
  public readonly executionArn: string;

  private readonly resource: CfnStepFunctionsTask;
  private readonly outputs = new OutputRequests();

  public constructor(scope: Construct, id: string, props: StepFunctionsTaskProps) {
    super(scope, id);
    if (props.runAlways && props.rerunOn) {
      throw new Error(`${this.node.path}: runAlways already runs the execution on every deployment; drop rerunOn or runAlways`);
    }
    this.resource = new CfnStepFunctionsTask(this, 'Resource', {
      stateMachineArn: props.stateMachine.stateMachineArn,
      input: props.input,
      namePrefix: props.namePrefix,
      runToken: runToken(props.runAlways ?? false, props.rerunOn),
      stopOnDelete: props.stopOnDelete,
    });
    this.resource.addPropertyOverride('Expose', this.outputs.renderExpose());
    this.taskId = this.resource.ref;
    this.executionArn = this.resource.attrExecutionArn;
    this.node.addValidation({
      validate: () => (this.outputs.size > MAX_OUTPUTS ? [`${this.outputs.size} output paths requested; Expose holds at most ${MAX_OUTPUTS}`] : []),
    });
  }

  /**
   * The value at a dot path of the execution output (`model.uri`, `metrics.0.accuracy`), as a string token.
   *
   * The path goes into the resource's Expose at synth, so only values someone reads are kept. A string comes as
   * it is; a number, boolean or null as its JSON text; an object or array as JSON text that parses back to it.
   * Expose is a property like any other: reading a path no earlier deployment read changes it, and the next
   * deployment runs the execution again.
   *
   * @param path dot path into the execution output
   */
  public output(path: string): string {
    if (Token.isUnresolved(path)) throw new Error(`${this.node.path}: output() takes a dot path known at synth, not a token`);
    const why = invalidPath(path);
    if (why) throw new Error(`${this.node.path}: output(${JSON.stringify(path)}): ${why}`);
    return this.resource.getOutput(this.outputs.nameOf(path));
  }

  /**
   * The number at a dot path of the execution output, as a number token.
   *
   * @param path dot path into the execution output
   */
  public outputNumber(path: string): number {
    return Token.asNumber(this.output(path));
  }

  /**
   * Runs this task after every resource of `others` (tasks, buckets, whole subtrees): CloudFormation DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): StepFunctionsTask {
    executeAfter(this, others);
    return this;
  }

  /**
   * Runs every resource of `others` after this task: CloudFormation DependsOn.
   *
   * @param others constructs whose resources wait for this task
   */
  public executeBefore(...others: IConstruct[]): StepFunctionsTask {
    executeBefore(this, others);
    return this;
  }
}

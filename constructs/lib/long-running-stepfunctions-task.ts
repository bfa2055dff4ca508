import { Duration, Token } from 'aws-cdk-lib';
import { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { ExposedOutputs } from './private/exposed-outputs';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';
import { CfnStepFunctionsTask } from './stepfunctions-task.generated';

/** The most one link follows: the type's HandOverAfterSeconds maximum, an hour under its 36-hour handler timeout. */
const MAX_LINK_SECONDS = 126_000;
/** A template holds at most 500 resources; a chain longer than this is a link timeout given in the wrong unit. */
const MAX_LINKS = 50;

/** Properties of a LongRunningStepFunctionsTask. */
export interface LongRunningStepFunctionsTaskProps {
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
   * How long the deployment follows the execution: the chain has timeout / linkTimeout links, rounded up.
   *
   * Every link but the last hands over at linkTimeout; the last follows the execution to its end within the type's
   * 36-hour handler timeout, so the deployment fails once the execution runs past the chain's reach, which is at
   * least this long.
   */
  readonly timeout: Duration;

  /**
   * How long each link follows the execution before it hands over to the next (whole seconds).
   *
   * @default Duration.hours(35), the most the type allows: an hour under its 36-hour handler timeout
   */
  readonly linkTimeout?: Duration;

  /**
   * Prefix of the execution names.
   *
   * @default the logical id of the first link
   */
  readonly namePrefix?: string;

  /**
   * Run the execution again on every deployment: each synth writes a new RunToken on the first link.
   *
   * Every synth then changes the template, so `cdk diff` always shows this task as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change runs the execution again with the same input (an asset hash, a version string).
   *
   * @default - the execution runs again only when a property of the first link changes
   */
  readonly rerunOn?: string[];

  /**
   * Whether deleting the task (a rollback included) stops an execution that still runs.
   *
   * @default true
   */
  readonly stopOnDelete?: boolean;
}

/**
 * One AWS Step Functions execution followed for longer than one resource's 36-hour handler limit, by a chain of
 * `Orch::StepFunctions::Task` resources: the first starts the execution, each next one follows it
 * (FollowExecutionArn) after the previous handed over at its limit; once the execution has ended, every later link
 * ends at once with its outputs (or its error). `output(path)` reads a value from the last link.
 */
export class LongRunningStepFunctionsTask extends Construct {
  /** ARN of the execution the chain follows (the first link's latest). */
  public readonly executionArn: string;

  /** How many links the chain has. */
  public readonly linkCount: number;

  private readonly links: CfnStepFunctionsTask[] = [];
  private readonly outputs: ExposedOutputs;

  public constructor(scope: Construct, id: string, props: LongRunningStepFunctionsTaskProps) {
    super(scope, id);
    const token = checkedRunToken(this, props, 'runs the execution');
    const linkSeconds = this.seconds('linkTimeout', props.linkTimeout ?? Duration.seconds(MAX_LINK_SECONDS));
    if (linkSeconds < 1 || linkSeconds > MAX_LINK_SECONDS) {
      throw new Error(`${this.node.path}: linkTimeout must be from 1 second to ${MAX_LINK_SECONDS} seconds (35 hours), got ${linkSeconds} seconds`);
    }
    const timeoutSeconds = this.seconds('timeout', props.timeout);
    if (timeoutSeconds <= 0) throw new Error(`${this.node.path}: timeout must be positive, got ${timeoutSeconds} seconds`);
    this.linkCount = Math.ceil(timeoutSeconds / linkSeconds);
    if (this.linkCount > MAX_LINKS) {
      throw new Error(`${this.node.path}: timeout / linkTimeout makes ${this.linkCount} links, more than ${MAX_LINKS}; give a longer linkTimeout`);
    }

    // Every link but the last hands over; the last one must see the end, because the outputs are read from it.
    const handOver = (index: number) => (index < this.linkCount - 1 ? linkSeconds : undefined);
    const first = new CfnStepFunctionsTask(this, 'Start', {
      stateMachineArn: props.stateMachine.stateMachineArn,
      input: props.input,
      namePrefix: props.namePrefix,
      runToken: token,
      stopOnDelete: props.stopOnDelete,
      handOverAfterSeconds: handOver(0),
    });
    this.links.push(first);
    // A new execution changes the first link's ExecutionArn, which every follower reads: they all follow it anew.
    for (let index = 1; index < this.linkCount; index++) {
      const link = new CfnStepFunctionsTask(this, `Follow${index}`, { followExecutionArn: first.attrExecutionArn, handOverAfterSeconds: handOver(index) });
      link.node.addDependency(this.links[index - 1]);
      this.links.push(link);
    }
    // Only the last link exposes: it is the one that sees the end, and a new path then re-follows an execution that
    // has ended (at once) instead of running it again.
    this.outputs = new ExposedOutputs(this, this.lastLink);
    this.executionArn = first.attrExecutionArn;
  }

  /**
   * The value at a dot path of the execution output (`model.uri`, `metrics.0.accuracy`), as a string token read
   * from the last link.
   *
   * The path goes into the last link's Expose at synth. A string comes as it is; a number, boolean or null as its
   * JSON text; an object or array as JSON text that parses back to it. Reading a path no earlier deployment read
   * updates only the last link, which follows the ended execution again and does not run it again.
   *
   * @param path dot path into the execution output
   */
  public output(path: string): string {
    return this.outputs.token(path);
  }

  /**
   * The number at a dot path of the execution output, as a number token read from the last link.
   *
   * @param path dot path into the execution output
   */
  public outputNumber(path: string): number {
    return Token.asNumber(this.output(path));
  }

  /**
   * Starts the execution after every resource of `others` (tasks, buckets, whole subtrees): CloudFormation DependsOn
   * on the first link, which every other link follows.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): LongRunningStepFunctionsTask {
    executeAfter(this.links[0], others);
    return this;
  }

  /**
   * Runs every resource of `others` after the execution ended: CloudFormation DependsOn on the last link.
   *
   * @param others constructs whose resources wait for this task
   */
  public executeBefore(...others: IConstruct[]): LongRunningStepFunctionsTask {
    executeBefore(this.lastLink, others);
    return this;
  }

  private get lastLink(): CfnStepFunctionsTask {
    return this.links[this.links.length - 1];
  }

  private seconds(prop: string, duration: Duration): number {
    if (Token.isUnresolved(duration.toSeconds({ integral: false }))) throw new Error(`${this.node.path}: ${prop} must be known at synth, not a token`);
    const seconds = duration.toSeconds({ integral: false });
    if (!Number.isInteger(seconds)) throw new Error(`${this.node.path}: ${prop} must be whole seconds, got ${seconds}`);
    return seconds;
  }
}

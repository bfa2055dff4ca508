import {
  DescribeExecutionCommand,
  ExecutionStatus,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import schema from '../orch-stepfunctions-task.json';
import { Attributes, invalidRequest, jsonProperty, mapAwsError, outputDepthOf, outputTree, ResourceConflictError, stableStringify, startThenPoll, withSelectedOutputs, WorkContext } from '../../../runtime';
import { ResourceProperties } from './models';

/** What the task follows between invocations. */
export interface ExecutionWork {
  readonly executionArn: string;
  /** Started elsewhere (FollowExecutionArn): never this resource's to stop. */
  readonly followed?: boolean;
  /** When to hand over if the execution still runs (ms since the epoch), from HandOverAfterSeconds. */
  readonly handOverAt?: number;
}

/** How deep `Output` goes, as the schema defines it. */
export const OUTPUT_DEPTH = outputDepthOf(schema);

const FINISHED_BADLY: ReadonlySet<string> = new Set([ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.ABORTED]);

/** The execution input as a JSON string: objects are serialised, strings must already hold JSON. */
export function executionInput(input: unknown): string {
  if (input === undefined) return '{}';
  if (typeof input !== 'string') return JSON.stringify(input);
  jsonProperty(input, 'Input'); // a string is passed as written, once it is known to hold JSON
  return input;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);

type Context = WorkContext<ResourceProperties>;

/**
 * Start an execution under the request-scoped name (Step Functions makes that start idempotent), or follow one
 * started elsewhere; poll it until it ends or its hand-over time; stop it if this resource started it.
 */
export const execution = startThenPoll<ResourceProperties, ExecutionWork>({
  rerunOn: ['StateMachineArn', 'FollowExecutionArn', 'Input', 'NamePrefix', 'OutputPaths', 'Expose', 'RunToken'],

  namePrefix: (props, logicalId) => props.NamePrefix ?? logicalId ?? 'Task',

  stopOnDeleteProperty: 'StopOnDelete',

  keptRunning: (_props, work) => (work.followed ? 'this resource follows an execution it did not start (FollowExecutionArn)' : undefined),

  async start(ctx, name) {
    const handOverAt = ctx.props.HandOverAfterSeconds === undefined ? undefined : Date.now() + ctx.props.HandOverAfterSeconds * 1000;
    if (ctx.props.FollowExecutionArn !== undefined) return followExisting(ctx, ctx.props.FollowExecutionArn, handOverAt);
    // The schema's oneOf makes StateMachineArn present when FollowExecutionArn is not.
    const stateMachineArn = ctx.props.StateMachineArn!;
    const input = executionInput(ctx.props.Input);
    try {
      const res = await ctx.clients.get(SFNClient).send(new StartExecutionCommand({ stateMachineArn, name, input }));
      return {
        work: { executionArn: res.executionArn!, handOverAt },
        attributes: { ExecutionArn: res.executionArn, Status: ExecutionStatus.RUNNING, StartDate: iso(res.startDate) },
      };
    } catch (err) {
      if ((err as Error).name !== 'ExecutionAlreadyExists') throw mapStartError(err, stateMachineArn);
      return adoptExisting(ctx, executionArnFor(stateMachineArn, name), input, handOverAt);
    }
  },

  async poll(ctx, work) {
    const res = await describe(ctx, work);
    if (res.status === ExecutionStatus.RUNNING || res.status === ExecutionStatus.PENDING_REDRIVE) {
      if (work.handOverAt === undefined || Date.now() < work.handOverAt) return { done: false };
      // The resource that follows on (FollowExecutionArn) exposes the output; this one has none to give.
      const attributes = { ExecutionArn: work.executionArn, Status: res.status, HandedOver: true, StartDate: iso(res.startDate) };
      return { done: true, result: { ok: true, leftRunning: true, attributes } };
    }
    const attributes: Attributes<ResourceProperties> = {
      ExecutionArn: work.executionArn,
      Status: res.status,
      HandedOver: false,
      StartDate: iso(res.startDate),
      StopDate: iso(res.stopDate),
    };
    if (FINISHED_BADLY.has(res.status!)) {
      const details = [res.error && `error '${res.error}'`, res.cause && `cause '${res.cause}'`].filter(Boolean).join(', ');
      return { done: true, result: { ok: false, attributes, message: `Execution '${work.executionArn}' ended ${res.status}${details ? `: ${details}` : ''}` } };
    }
    let output;
    try {
      output = outputTree(res.output ?? '{}', ctx.props.OutputPaths, OUTPUT_DEPTH);
    } catch (err) {
      return { done: true, result: { ok: false, attributes, message: `Execution '${work.executionArn}' returned output that is not JSON` } };
    }
    const ran = { what: `the output of execution '${work.executionArn}'`, ran: 'the execution ran and succeeded' };
    return { done: true, result: withSelectedOutputs({ ...attributes, Output: output }, ctx.props.Expose, () => JSON.parse(res.output ?? '{}'), ran) };
  },

  async stop(ctx, work) {
    const res = await describe(ctx, work).catch((err) => {
      if ((err as { errorCode?: string }).errorCode === 'NotFound') return undefined; // forgotten after 90 days
      throw err;
    });
    if (res?.status !== ExecutionStatus.RUNNING) return;
    try {
      await ctx.clients.get(SFNClient).send(
        new StopExecutionCommand({ executionArn: work.executionArn, error: 'Orch.Deleted', cause: 'Stopped by CloudFormation: the Orch::StepFunctions::Task resource was deleted' }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ExecutionDoesNotExist') throw mapAwsError(err, { resource: `execution '${work.executionArn}'` });
    }
  },
});

/** `…:stateMachine:<name>[:<version or alias>]` → `…:execution:<name>:<execution name>`. */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  const [prefix, machine] = stateMachineArn.split(':stateMachine:');
  return `${prefix}:execution:${machine.split(':')[0]}:${executionName}`;
}

/**
 * Step Functions answers a repeated StartExecution with the running execution, but once that execution has closed
 * it answers ExecutionAlreadyExists. A request re-sent after the handler died and the execution finished must
 * still adopt it, as long as it is the same execution (same input).
 */
async function adoptExisting(ctx: Context, executionArn: string, input: string, handOverAt: number | undefined) {
  const existing = await describe(ctx, { executionArn });
  if (!sameJson(existing.input, input)) {
    throw new ResourceConflictError(`Execution '${executionArn}' already exists with a different input; change NamePrefix or RunToken to run again`);
  }
  return {
    work: { executionArn, handOverAt },
    attributes: { ExecutionArn: executionArn, Status: existing.status, StartDate: iso(existing.startDate) },
  };
}

/** Properties that mean something only to a resource that starts the execution, refused on a follower. */
const STARTER_ONLY = ['Input', 'NamePrefix', 'StopOnDelete'] as const;

/** Follows an execution started elsewhere: it must exist; whether it still runs, the first poll says. */
async function followExisting(ctx: Context, executionArn: string, handOverAt: number | undefined) {
  const given = STARTER_ONLY.find((key) => ctx.props[key] !== undefined);
  if (given) {
    const why = given === 'StopOnDelete' ? 'never stops it' : 'starts none';
    throw invalidRequest(`${given}: a resource that follows an execution (FollowExecutionArn) ${why}; remove ${given}`);
  }
  let existing;
  try {
    existing = await ctx.clients.get(SFNClient).send(new DescribeExecutionCommand({ executionArn }));
  } catch (err) {
    throw mapAwsError(err, { property: 'FollowExecutionArn', resource: `execution '${executionArn}'` });
  }
  return {
    work: { executionArn, followed: true, handOverAt },
    attributes: { ExecutionArn: executionArn, Status: existing.status, StartDate: iso(existing.startDate) },
  };
}

function sameJson(a: string | undefined, b: string): boolean {
  try {
    return stableStringify(JSON.parse(a ?? 'null')) === stableStringify(JSON.parse(b));
  } catch {
    return false;
  }
}

async function describe(ctx: Context, work: ExecutionWork) {
  try {
    return await ctx.clients.get(SFNClient).send(new DescribeExecutionCommand({ executionArn: work.executionArn }));
  } catch (err) {
    throw mapAwsError(err, { resource: `execution '${work.executionArn}'` });
  }
}

function mapStartError(err: unknown, stateMachineArn: string) {
  const name = (err as Error).name;
  if (name === 'InvalidName') return mapAwsError(err, { property: 'NamePrefix', resource: 'the execution name' });
  if (name === 'InvalidExecutionInput') return mapAwsError(err, { property: 'Input', resource: 'the execution input' });
  return mapAwsError(err, { property: 'StateMachineArn', resource: `state machine '${stateMachineArn}'` });
}

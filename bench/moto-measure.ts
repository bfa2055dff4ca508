import { DescribeExecutionCommand, DescribeExecutionOutput, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { CfnDriver } from '../local/protocol';
import { startLocalAws } from '../local/local-aws';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../resource-types/stepfunctions-task/src/models';
import { sfn, stateMachine, waitDefinition } from '../local/state-machines';

export const WAIT_SECONDS = [5, 30] as const;
const BASELINE_INTERVAL_MS = 5_000;

export interface MeasuredRun {
  /** Handler invocations (ours) or DescribeExecution calls (the bare poller). */
  readonly invocations: number;
  /** When the poller reported the end (ours: the SUCCESS event came back) minus the execution's stopDate. */
  readonly lagSeconds: number;
  /** stopDate - startDate as Step Functions recorded it. */
  readonly executionSeconds: number;
  readonly longestInvocationSeconds?: number;
}

export interface WaitMeasurement {
  readonly waitSeconds: number;
  readonly ours: MeasuredRun;
  readonly baseline: MeasuredRun;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function measured(execution: DescribeExecutionOutput, seenAtMs: number, invocations: number, longestMs?: number): MeasuredRun {
  const stopMs = execution.stopDate!.getTime();
  return {
    invocations,
    lagSeconds: (seenAtMs - stopMs) / 1000,
    executionSeconds: (stopMs - execution.startDate!.getTime()) / 1000,
    longestInvocationSeconds: longestMs === undefined ? undefined : longestMs / 1000,
  };
}

/** A create through the production entrypoint, with CloudFormation's real callback delays. */
async function throughHandler(driver: CfnDriver, stateMachineArn: string, logicalId: string): Promise<MeasuredRun> {
  const result = await driver.create(logicalId, { StateMachineArn: stateMachineArn });
  if (result.status !== 'SUCCESS') throw new Error(`${logicalId}: create ended ${result.status}: ${result.message}`);
  const last = result.invocations[result.invocations.length - 1];
  const execution = await sfn().send(new DescribeExecutionCommand({ executionArn: result.model!.ExecutionArn as string }));
  const longestMs = Math.max(...result.invocations.map((i) => i.durationMs));
  return measured(execution, last.startedAt + last.durationMs, result.invocations.length, longestMs);
}

/** The baseline: start the execution, then DescribeExecution every 5 s until it is no longer running. */
async function fiveSecondPoller(stateMachineArn: string): Promise<MeasuredRun> {
  const client = sfn();
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
  for (let polls = 1; ; polls++) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return measured(execution, Date.now(), polls);
    await sleep(BASELINE_INTERVAL_MS);
  }
}

/** Sends console.log (where the cfn lib writes its handler logs) to a file while `run` runs. */
async function logsTo<T>(file: string, run: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => appendFileSync(file, `${format(...args)}\n`);
  try {
    return await run();
  } finally {
    console.log = original;
  }
}

/** Starts moto, follows a 5-s and a 30-s Wait execution with our handler and with the bare poller, stops moto. */
export async function measureOnMoto(handlerLogFile: string, progress: (line: string) => void): Promise<WaitMeasurement[]> {
  const aws = await startLocalAws({ log: progress });
  try {
    Object.assign(process.env, aws.env);
    // Imported only now: the handler module reads its environment when it loads.
    const { entrypoint } = await import('../resource-types/stepfunctions-task/src/handlers');
    const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 1 });
    const results: WaitMeasurement[] = [];
    for (const waitSeconds of WAIT_SECONDS) {
      const arn = await stateMachine(waitDefinition(waitSeconds));
      progress(`moto: ${waitSeconds}-s Wait through the handler...`);
      const ours = await logsTo(handlerLogFile, () => throughHandler(driver, arn, `Bench${waitSeconds}s`));
      progress(`moto: ${waitSeconds}-s Wait with the bare 5-s poller...`);
      const baseline = await fiveSecondPoller(arn);
      results.push({ waitSeconds, ours, baseline });
    }
    return results;
  } finally {
    await aws.stop();
  }
}

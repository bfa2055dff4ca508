/**
 * Orch::StepFunctions::Task following an execution it did not start (FollowExecutionArn) and handing over at
 * HandOverAfterSeconds: the pieces LongRunningStepFunctionsTask chains, driven through the production entrypoint
 * against moto running real ASL.
 */
import { DescribeExecutionCommand, ExecutionStatus, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { CfnDriver } from '../../local/protocol';
import { entrypoint } from '../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/stepfunctions-task/src/models';
import { failDefinition, passDefinition, sfn, stateMachine, waitDefinition } from '../../local/state-machines';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });

/** Starts an execution the way some other tool would, outside any resource. */
async function startElsewhere(stateMachineArn: string, input: object = {}): Promise<string> {
  const res = await sfn().send(new StartExecutionCommand({ stateMachineArn, name: `elsewhere-${randomUUID().slice(0, 8)}`, input: JSON.stringify(input) }));
  return res.executionArn!;
}

const statusOf = async (executionArn: string) => (await sfn().send(new DescribeExecutionCommand({ executionArn }))).status;

async function executionCount(stateMachineArn: string): Promise<number> {
  return ((await sfn().send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? []).length;
}

async function waitUntilClosed(executionArn: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await statusOf(executionArn)) !== ExecutionStatus.RUNNING) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${executionArn} still running`);
}

describe('following an execution started elsewhere', () => {
  test('waits for its end and exposes its output, starting no execution of its own', async () => {
    // Longer than the tests' 3-second poll window, so the follower hands back to CloudFormation at least once.
    const arn = await stateMachine(waitDefinition(5, { model: { uri: 's3://models/m1' } }));
    const executionArn = await startElsewhere(arn, { epochs: 1 });
    expect(await statusOf(executionArn)).toBe('RUNNING');

    const result = await driver().create('Follow', { FollowExecutionArn: executionArn, Expose: { ModelUri: 'model.uri' } });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({ ExecutionArn: executionArn, Status: 'SUCCEEDED', HandedOver: false, Outputs: { ModelUri: 's3://models/m1' } });
    expect(result.model!.Output).toEqual({ model: { uri: 's3://models/m1' } });
    expect(result.invocations.filter((i) => i.response.status === 'IN_PROGRESS').length).toBeGreaterThanOrEqual(1);
    expect(await executionCount(arn)).toBe(1);
  });

  test('an execution that has already succeeded: the create succeeds in its first invocation with the outputs', async () => {
    const arn = await stateMachine(passDefinition({ score: 0.5 }));
    const executionArn = await startElsewhere(arn);
    await waitUntilClosed(executionArn);

    const result = await driver().create('Ended', { FollowExecutionArn: executionArn, Expose: { Score: 'score' } });

    expect(result.status).toBe('SUCCESS');
    expect(result.invocations).toHaveLength(1);
    expect(result.model).toMatchObject({ Status: 'SUCCEEDED', HandedOver: false, Outputs: { Score: '0.5' } });
    expect(result.model!.StopDate).toBeDefined();
  });

  test('an execution that has already failed: the create fails at once with the error code and message a starting resource gives', async () => {
    const arn = await stateMachine(failDefinition('TrainingDiverged', 'loss became NaN'));
    const d = driver();
    const starter = await d.create('Starter', { StateMachineArn: arn });
    expect(starter.status).toBe('FAILED');
    const [execution] = (await sfn().send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions!;

    const follower = await d.create('Follower', { FollowExecutionArn: execution.executionArn! });

    expect(follower.violations).toEqual([]);
    expect(follower.invocations).toHaveLength(1);
    expect(follower.status).toBe('FAILED');
    expect(follower.errorCode).toBe(starter.errorCode);
    expect(follower.errorCode).toBe('GeneralServiceException');
    expect(follower.message).toBe(starter.message);
    expect(follower.message).toContain("ended FAILED: error 'TrainingDiverged', cause 'loss became NaN'");
  });

  test('the same create request sent twice follows the one execution and starts none', async () => {
    const arn = await stateMachine(waitDefinition(2));
    const executionArn = await startElsewhere(arn);
    const d = driver();
    const request = d.request('CREATE', 'Twice', { resourceProperties: { FollowExecutionArn: executionArn } });
    const first = await d.send(request); // the handler "dies" here: CloudFormation re-sends the same request
    const second = await d.run(request);
    expect(second.status).toBe('SUCCESS');
    expect(second.model!.Id).toBe(first.response.resourceModel!.Id);
    expect(second.model!.ExecutionArn).toBe(executionArn);
    expect(await executionCount(arn)).toBe(1);
  });

  test('delete while the execution runs leaves it running: it is not the follower\'s to stop', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const executionArn = await startElsewhere(arn);
    const d = driver();
    const first = await d.send(d.request('CREATE', 'Watcher', { resourceProperties: { FollowExecutionArn: executionArn } }));
    expect(first.response.status).toBe('IN_PROGRESS');

    const deleted = await d.delete('Watcher', first.response.resourceModel!);

    expect(deleted.status).toBe('SUCCESS');
    expect(await statusOf(executionArn)).toBe('RUNNING');
    expect((await d.read('Watcher', first.response.resourceModel!)).errorCode).toBe('NotFound');
  });
});

describe('updating a follower', () => {
  test('a changed Expose follows the ended execution again, at once, and runs nothing', async () => {
    const arn = await stateMachine(passDefinition({ model: { uri: 's3://m' }, score: 0.7 }));
    const executionArn = await startElsewhere(arn);
    await waitUntilClosed(executionArn);
    const d = driver();
    const props = { FollowExecutionArn: executionArn, Expose: { ModelUri: 'model.uri' } };
    const created = await d.create('Reader', props);

    const updated = await d.update('Reader', created.model!, props, { ...props, Expose: { Score: 'score' } });

    expect(updated.status).toBe('SUCCESS');
    expect(updated.invocations).toHaveLength(1);
    expect(updated.model).toMatchObject({ ExecutionArn: executionArn, Outputs: { Score: '0.7' } });
    expect(await executionCount(arn)).toBe(1);
  });

  test('another FollowExecutionArn follows that execution; a changed HandOverAfterSeconds alone follows nothing again', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const [one, two] = [await startElsewhere(arn), await startElsewhere(arn)];
    const d = driver();
    const created = await d.create('Switch', { FollowExecutionArn: one });
    const moved = await d.update('Switch', created.model!, { FollowExecutionArn: one }, { FollowExecutionArn: two });
    expect(moved.model).toMatchObject({ ExecutionArn: two, Status: 'SUCCEEDED' });
    const limited = await d.update('Switch', moved.model!, { FollowExecutionArn: two }, { FollowExecutionArn: two, HandOverAfterSeconds: 60 });
    expect(limited.status).toBe('SUCCESS');
    expect(limited.invocations).toHaveLength(1);
    expect(limited.model).toMatchObject({ ExecutionArn: two, HandOverAfterSeconds: 60 });
    expect(await executionCount(arn)).toBe(2);
  });
});

describe('handing over at HandOverAfterSeconds', () => {
  test('a chain: the starter hands over while the execution runs, a follower hands over again, the last follows it to its end', async () => {
    const arn = await stateMachine(waitDefinition(7, { model: { uri: 's3://models/long' } }));
    const d = driver();

    const first = await d.create('Link0', { StateMachineArn: arn, Input: { run: 1 }, HandOverAfterSeconds: 1, Expose: { ModelUri: 'model.uri' } });
    expect(first.violations).toEqual([]);
    expect(first.status).toBe('SUCCESS');
    expect(first.model).toMatchObject({ Status: 'RUNNING', HandedOver: true });
    expect(first.model).not.toHaveProperty('Outputs');
    expect(first.model).not.toHaveProperty('StopDate');
    const executionArn = first.model!.ExecutionArn as string;
    expect(await statusOf(executionArn)).toBe('RUNNING');

    const second = await d.create('Link1', { FollowExecutionArn: executionArn, HandOverAfterSeconds: 1 });
    expect(second.status).toBe('SUCCESS');
    expect(second.model).toMatchObject({ ExecutionArn: executionArn, Status: 'RUNNING', HandedOver: true });

    const last = await d.create('Link2', { FollowExecutionArn: executionArn, Expose: { ModelUri: 'model.uri' } });
    expect(last.violations).toEqual([]);
    expect(last.status).toBe('SUCCESS');
    expect(last.model).toMatchObject({ ExecutionArn: executionArn, Status: 'SUCCEEDED', HandedOver: false, Outputs: { ModelUri: 's3://models/long' } });
    expect(await executionCount(arn)).toBe(1);
  });

  test('an execution that ends before the limit: the resource follows it to its end, as without a limit', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const result = await driver().create('Quick', { StateMachineArn: arn, HandOverAfterSeconds: 3600 });
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({ Status: 'SUCCEEDED', HandedOver: false, Output: { v: '1' } });
  });

  test('a create re-sent after it handed over reports the same hand-over and starts nothing', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const d = driver();
    const request = d.request('CREATE', 'Resent', { resourceProperties: { StateMachineArn: arn, HandOverAfterSeconds: 1 } });
    const first = await d.run(request);
    const again = await d.run(request);
    expect(again.status).toBe('SUCCESS');
    expect(again.invocations).toHaveLength(1);
    expect(again.model).toEqual(first.model);
    expect(await executionCount(arn)).toBe(1);
    expect((await d.delete('Resent', first.model!)).status).toBe('SUCCESS');
  });

  test('deleting the starter after it handed over still stops the execution it started', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const d = driver();
    const started = await d.create('Owner', { StateMachineArn: arn, HandOverAfterSeconds: 1 });
    expect(started.model).toMatchObject({ Status: 'RUNNING', HandedOver: true });

    expect((await d.delete('Owner', started.model!)).status).toBe('SUCCESS');

    expect(await statusOf(started.model!.ExecutionArn as string)).toBe('ABORTED');
  });

  test('an update that runs again lets go of the execution the last run handed over: stopped, unless StopOnDelete is false', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const d = driver();
    const runTwice = async (logicalId: string, props: Record<string, unknown>) => {
      const created = await d.create(logicalId, props);
      const updated = await d.update(logicalId, created.model!, props, { ...props, RunToken: '2' });
      expect(updated.model).toMatchObject({ Status: 'RUNNING', HandedOver: true });
      expect(updated.model!.ExecutionArn).not.toBe(created.model!.ExecutionArn);
      return { old: await statusOf(created.model!.ExecutionArn as string), current: await statusOf(updated.model!.ExecutionArn as string) };
    };
    expect(await runTwice('Again', { StateMachineArn: arn, HandOverAfterSeconds: 1 })).toEqual({ old: 'ABORTED', current: 'RUNNING' });
    expect(await runTwice('Kept', { StateMachineArn: arn, HandOverAfterSeconds: 1, StopOnDelete: false })).toEqual({ old: 'RUNNING', current: 'RUNNING' });
  });

  test('deleting a follower after it handed over leaves the execution running', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const executionArn = await startElsewhere(arn);
    const d = driver();
    const follower = await d.create('Relay', { FollowExecutionArn: executionArn, HandOverAfterSeconds: 1 });
    expect(follower.model).toMatchObject({ Status: 'RUNNING', HandedOver: true });

    expect((await d.delete('Relay', follower.model!)).status).toBe('SUCCESS');

    expect(await statusOf(executionArn)).toBe('RUNNING');
  });
});

describe('bad input for a follower', () => {
  const someExecution = async () => startElsewhere(await stateMachine(waitDefinition(300)));

  test.each([
    ['Input', { Input: { a: 1 } }, 'Input: a resource that follows an execution (FollowExecutionArn) starts none; remove Input'],
    ['NamePrefix', { NamePrefix: 'Again' }, 'NamePrefix: a resource that follows an execution (FollowExecutionArn) starts none; remove NamePrefix'],
    ['StopOnDelete', { StopOnDelete: true }, 'StopOnDelete: a resource that follows an execution (FollowExecutionArn) never stops it; remove StopOnDelete'],
  ])('%s is InvalidRequest naming it, before anything runs', async (_name, extra, message) => {
    const executionArn = await someExecution();
    const result = await driver().create('Odd', { FollowExecutionArn: executionArn, ...extra });
    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toBe(message);
  });

  test('both StateMachineArn and FollowExecutionArn is InvalidRequest naming both, and starts nothing', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const executionArn = await startElsewhere(arn);
    const result = await driver().create('Both', { StateMachineArn: arn, FollowExecutionArn: executionArn });
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toBe('Invalid properties: StateMachineArn or FollowExecutionArn: give one, not both');
    expect(await executionCount(arn)).toBe(1);
  });

  test('an execution that does not exist is NotFound naming FollowExecutionArn', async () => {
    const arn = await stateMachine(passDefinition({}));
    const missing = `${arn.replace(':stateMachine:', ':execution:')}:never-started`;
    const result = await driver().create('Ghost', { FollowExecutionArn: missing });
    expect(result.errorCode).toBe('NotFound');
    expect(result.message).toContain(`FollowExecutionArn: execution '${missing}' was not found`);
  });
});

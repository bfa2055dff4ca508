import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { deployStack, readStack } from '../../../../local/engine/deploy';
import { REPO_ROOT } from '../../../../local/python-env';
import { createRequest, ROLE } from '../provision/support';
import { AwsEngine, awsEngine, clients, taskRecordExists, TEMPLATES, uniqueStack } from './support';

let engine: AwsEngine;
const machines: Record<'long' | 'quick', string> = { long: '', quick: '' };
beforeAll(async () => {
  engine = await awsEngine();
  const provisioner = engine.options.provisioners('AWS::StepFunctions::StateMachine')!;
  const make = async (logicalId: string, state: object) =>
    (await provisioner.create(createRequest(logicalId, 'AWS::StepFunctions::StateMachine', { RoleArn: ROLE, Definition: { StartAt: 'Run', States: { Run: state } } }), () => undefined)).physicalId;
  machines.long = await make('Long', { Type: 'Wait', Seconds: 600, End: true });
  machines.quick = await make('Quick', { Type: 'Pass', End: true });
});
afterAll(() => engine.close());

/** Resolves once `check` holds, polling the state directory as another process writes it. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never: ${what}`);
}

test('a deploy killed while a task follows its execution is rolled back by the next deploy: execution stopped, bucket gone, then created again', async () => {
  const stackName = uniqueStack('crash');
  const templateFile = join(TEMPLATES, 'long-task.yaml');
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'deploy-child.ts'), engine.stateDir, stackName, templateFile, `MachineArn=${machines.long}`], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Killed once the journal holds the task's identifier (its first IN_PROGRESS): the execution runs by then.
  const journal = () => readStack(engine.stateDir, stackName)?.inFlight;
  await until(() => !!journal()?.started?.Train?.physicalId, 'the journal records Train as started');
  const bucket = readStack(engine.stateDir, stackName)!.resources.Data.physicalId;
  const taskId = journal()!.started!.Train.physicalId;
  child.kill('SIGKILL');
  await exited;
  const [running] = (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: machines.long }))).executions!;
  expect(running.status).toBe('RUNNING');

  const result = await deployStack({ ...engine.options, stackName, templateFile, parameters: { MachineArn: machines.quick } });
  expect(result.status).toBe('CREATE_COMPLETE');
  expect((await clients.sfn.send(new DescribeExecutionCommand({ executionArn: running.executionArn }))).status).toBe('ABORTED');
  expect(await taskRecordExists('Orch::StepFunctions::Task', taskId)).toBe(false);
  await expect(clients.s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({ name: 'NotFound' });
  expect(result.resources.Data.physicalId).not.toBe(bucket);
  expect(result.resources.Train.attributes).toMatchObject({ Status: 'SUCCEEDED', Output: { bucket: result.resources.Data.physicalId } });
  const statuses = engine.events.filter((e) => e.logicalId === stackName).map((e) => e.status);
  expect(statuses.slice(0, 2)).toEqual(['ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE']);
});

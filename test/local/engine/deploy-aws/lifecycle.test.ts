import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { deleteStack, deployStack } from '../../../../local/engine/deploy';
import type { StackResult } from '../../../../local/engine/deploy';
import { AwsEngine, awsEngine, clients, resourceStatuses, taskRecordExists, TEMPLATES, uniqueStack } from './support';

const TASK = 'Orch::StepFunctions::Task';
let engine: AwsEngine;
beforeAll(async () => {
  engine = await awsEngine();
});
afterAll(() => engine.close());

const outputValues = (result: StackResult) => Object.fromEntries(Object.entries(result.outputs).map(([name, output]) => [name, output.value]));
/** Each resource's statuses in order, progress notes (repeated IN_PROGRESS) folded. */
const statusesOf = (stackName: string) => resourceStatuses(engine.events, stackName).filter((line, i, all) => line !== all[i - 1]);
const executionsOf = async (stateMachineArn: string) => (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions!;

test('a template of native and Orch resources is created in dependency order, updated rerunning only the changed task, and deleted without a trace', async () => {
  const stackName = uniqueStack('train');
  const templateFile = join(TEMPLATES, 'train-evaluate.yaml');

  const created = await deployStack({ ...engine.options, stackName, templateFile });
  expect(created.status).toBe('CREATE_COMPLETE');
  const { Data, Machine, MachineRole, Train, Evaluate } = created.resources;
  expect(outputValues(created)).toEqual({ Accuracy: '0.91', Threshold: '0.8', Bucket: Data.physicalId, TrainExecution: Train.attributes.ExecutionArn });
  await clients.s3.send(new HeadBucketCommand({ Bucket: Data.physicalId }));
  const firstRun = await executionsOf(Machine.physicalId);
  expect(firstRun.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  // Evaluate reads Train's output: it starts only once Train is complete.
  const created_ = statusesOf(stackName);
  expect(created_.indexOf('Evaluate CREATE_IN_PROGRESS')).toBeGreaterThan(created_.indexOf('Train CREATE_COMPLETE'));
  expect(created_.indexOf('Train CREATE_IN_PROGRESS')).toBeGreaterThan(created_.indexOf('Machine CREATE_COMPLETE'));

  engine.events.length = 0;
  const updated = await deployStack({ ...engine.options, stackName, templateFile, parameters: { Threshold: '0.85' } });
  expect(updated.status).toBe('UPDATE_COMPLETE');
  expect(outputValues(updated)).toEqual({ Accuracy: '0.91', Threshold: '0.85', Bucket: Data.physicalId, TrainExecution: Train.attributes.ExecutionArn });
  // Only Evaluate's input changed: one new execution, and no other resource touched.
  expect(statusesOf(stackName)).toEqual(['Evaluate UPDATE_IN_PROGRESS', 'Evaluate UPDATE_COMPLETE']);
  const secondRun = await executionsOf(Machine.physicalId);
  expect(secondRun).toHaveLength(3);
  expect(updated.resources.Evaluate.physicalId).toBe(Evaluate.physicalId);
  expect(updated.resources.Evaluate.attributes.ExecutionArn).not.toBe(Evaluate.attributes.ExecutionArn);

  engine.events.length = 0;
  const deleted = await deleteStack({ ...engine.options, stackName });
  expect(deleted.status).toBe('DELETE_COMPLETE');
  // Reverse dependency order: Evaluate before Train before the machine before its role.
  const deletion = statusesOf(stackName).filter((line) => line.endsWith('DELETE_COMPLETE'));
  const at = (id: string) => deletion.indexOf(`${id} DELETE_COMPLETE`);
  expect([at('Evaluate'), at('Train'), at('Machine'), at('MachineRole')].every((i, n, all) => i >= 0 && (n === 0 || i > all[n - 1]))).toBe(true);
  await expect(clients.s3.send(new HeadBucketCommand({ Bucket: Data.physicalId }))).rejects.toMatchObject({ name: 'NotFound' });
  await expect(clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: Machine.physicalId }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  await expect(clients.iam.send(new GetRoleCommand({ RoleName: MachineRole.physicalId }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  expect(await taskRecordExists(TASK, Train.physicalId)).toBe(false);
  expect(await taskRecordExists(TASK, Evaluate.physicalId)).toBe(false);
});

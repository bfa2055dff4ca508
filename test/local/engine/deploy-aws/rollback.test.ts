import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { join } from 'node:path';
import { deployStack } from '../../../../local/engine/deploy';
import { createRequest, ROLE } from '../provision/support';
import { AwsEngine, awsEngine, clients, resourceStatuses, taskRecordsMentioning, TEMPLATES, uniqueStack } from './support';

const TASK = 'Orch::StepFunctions::Task';
let engine: AwsEngine;
let longMachine: string;
beforeAll(async () => {
  engine = await awsEngine();
  const machine = engine.options.provisioners('AWS::StepFunctions::StateMachine')!;
  const created = await machine.create(
    createRequest('Long', 'AWS::StepFunctions::StateMachine', { RoleArn: ROLE, Definition: { StartAt: 'Train', States: { Train: { Type: 'Wait', Seconds: 600, End: true } } } }),
    () => undefined,
  );
  longMachine = created.physicalId;
});
afterAll(() => engine.close());

test('a failing task rolls the stack back with its reason, leaving no execution running, no bucket, no task record', async () => {
  const stackName = uniqueStack('failing');
  const result = await deployStack({ ...engine.options, stackName, templateFile: join(TEMPLATES, 'failing-task.yaml'), parameters: { LongMachineArn: longMachine } });

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.statusReason).toMatch(/Judge.*ended FAILED: error 'ModelRejected', cause 'accuracy below the threshold'.*HandlerErrorCode: GeneralServiceException/);
  expect(result.resources).toEqual({});
  const statuses = resourceStatuses(engine.events, stackName);
  expect(statuses).toContain('Judge CREATE_FAILED');
  expect(statuses).toContain('Train DELETE_COMPLETE');

  // Train had handed over with its execution running: its delete in the rollback stopped it.
  const executions = (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: longMachine }))).executions!;
  expect(executions.map((e) => e.status)).toEqual(['ABORTED']);
  const created = (id: string) => engine.events.find((e) => e.logicalId === id && e.status === 'CREATE_COMPLETE')?.physicalId;
  await expect(clients.s3.send(new HeadBucketCommand({ Bucket: created('Data')! }))).rejects.toMatchObject({ name: 'NotFound' });
  await expect(clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created('FailingMachine')! }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  // Judge's handler removed its record when its execution failed, Train's delete removed its own.
  expect(await taskRecordsMentioning(TASK, longMachine)).toEqual([]);
  expect(await taskRecordsMentioning(TASK, created('FailingMachine')!)).toEqual([]);
});

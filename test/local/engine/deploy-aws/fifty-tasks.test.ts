import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteStack, deployStack } from '../../../../local/engine/deploy';
import { AwsEngine, awsEngine, clients, taskRecordExists, uniqueStack } from './support';

const TASK = 'Orch::StepFunctions::Task';
const COUNT = 50;
let engine: AwsEngine;
beforeAll(async () => {
  engine = await awsEngine();
});
afterAll(() => engine.close());

test('50 independent Orch tasks are all in flight together, each with its own execution, and are deleted', async () => {
  const tasks = Object.fromEntries(
    Array.from({ length: COUNT }, (_, i) => [`Task${i}`, { Type: TASK, Properties: { StateMachineArn: { Ref: 'Machine' }, Input: { index: i } } }]),
  );
  const template = {
    Resources: {
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { RoleArn: 'arn:aws:iam::123456789012:role/sfn', Definition: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Echo' }, Echo: { Type: 'Pass', End: true } } } },
      },
      ...tasks,
    },
  };
  const templateFile = join(engine.stateDir, 'fifty.json');
  writeFileSync(templateFile, JSON.stringify(template));
  const stackName = uniqueStack('fifty');

  const created = await deployStack({ ...engine.options, stackName, templateFile });
  expect(created.status).toBe('CREATE_COMPLETE');
  const taskEvents = engine.events.filter((e) => e.logicalId.startsWith('Task'));
  const time = (status: string) => taskEvents.filter((e) => e.status === status).map((e) => Date.parse(e.timestamp));
  expect(time('CREATE_IN_PROGRESS').length).toBeGreaterThanOrEqual(COUNT);
  // All 50 started before the first one completed.
  const firstStarts = Object.keys(tasks).map((id) => Date.parse(taskEvents.find((e) => e.logicalId === id && e.status === 'CREATE_IN_PROGRESS')!.timestamp));
  expect(Math.max(...firstStarts)).toBeLessThanOrEqual(Math.min(...time('CREATE_COMPLETE')));
  for (let i = 0; i < COUNT; i++) expect(created.resources[`Task${i}`].attributes.Output).toEqual({ index: String(i) });
  const executions = (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: created.resources.Machine.physicalId }))).executions!;
  expect(executions.map((e) => e.status)).toEqual(Array(COUNT).fill('SUCCEEDED'));

  const deleted = await deleteStack({ ...engine.options, stackName });
  expect(deleted.status).toBe('DELETE_COMPLETE');
  for (let i = 0; i < COUNT; i++) expect(await taskRecordExists(TASK, created.resources[`Task${i}`].physicalId)).toBe(false);
});

/**
 * The chain LongRunningStepFunctionsTask synthesizes, deployed link by link in its DependsOn order through the type's
 * real handlers (local/protocol) against moto running a real state machine: every link but the last hands over
 * while the execution runs, the last one exposes its output, and one execution runs in all.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { LongRunningStepFunctionsTask } from '@cfn-orchestration/constructs';
import { CfnDriver } from '../../local/protocol';
import { sfn as sfnClient, stateMachine, waitDefinition } from '../../local/state-machines';
import { entrypoint } from '../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/stepfunctions-task/src/models';

type Json = Record<string, any>;

/** Replaces each `Fn::GetAtt [Link, Attr]` with the attribute of the link created before. */
function resolveGetAtts(value: unknown, models: Map<string, Json>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveGetAtts(v, models));
  if (value === null || typeof value !== 'object') return value;
  const getAtt = (value as Json)['Fn::GetAtt'];
  if (getAtt) return models.get(getAtt[0])![getAtt[1]];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveGetAtts(v, models)]));
}

test('a chain of three one-second links follows one execution of a state machine that waits 8 s, and the last link exposes its output', async () => {
  const arn = await stateMachine(waitDefinition(8, { model: { uri: 's3://models/chained' } }));
  const stack = new Stack(new App(), 'Chain', { env: { account: '123456789012', region: 'us-east-1' } });
  const task = new LongRunningStepFunctionsTask(stack, 'Train', {
    stateMachine: sfn.StateMachine.fromStateMachineArn(stack, 'Machine', arn),
    input: { epochs: 2 },
    timeout: Duration.seconds(3),
    linkTimeout: Duration.seconds(1),
  });
  const modelUri = stack.resolve(task.output('model.uri'));
  const resources: Json = Template.fromStack(stack).findResources(TYPE_NAME);
  expect(Object.keys(resources)).toHaveLength(3);

  const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
  const models = new Map<string, Json>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    for (const dependency of resource.DependsOn ?? []) expect(models.has(dependency)).toBe(true); // template order is DependsOn order
    const result = await driver.create(logicalId, resolveGetAtts(resource.Properties, models) as Json);
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    models.set(logicalId, result.model!);
  }

  const [start, middle, last] = [...models.values()];
  expect(start).toMatchObject({ Status: 'RUNNING', HandedOver: true });
  expect(middle).toMatchObject({ Status: 'RUNNING', HandedOver: true, ExecutionArn: start.ExecutionArn });
  expect(last).toMatchObject({ Status: 'SUCCEEDED', HandedOver: false, ExecutionArn: start.ExecutionArn });
  // What output() returned reads the last link's Outputs.
  const [readFrom, attribute] = modelUri['Fn::GetAtt'];
  expect(models.get(readFrom)).toBe(last);
  expect(last.Outputs[attribute.replace(/^Outputs\./, '')]).toBe('s3://models/chained');
  expect((await sfnClient().send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toHaveLength(1);
  const execution = await sfnClient().send(new DescribeExecutionCommand({ executionArn: start.ExecutionArn }));
  expect(JSON.parse(execution.input!)).toEqual({ epochs: 2 });
});

/**
 * The StepFunctionsTask construct, from the jsii-compiled package (npm run build:constructs): outputs requested by
 * path fill Expose at synth. The rerun options and ordering, which every task shares, are in task-common.test.ts.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { StepFunctionsTask, StepFunctionsTaskProps } from '@cfn-orchestration/constructs';

const TYPE = 'Orch::StepFunctions::Task';

function setup(props: Partial<StepFunctionsTaskProps> = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
  const task = new StepFunctionsTask(stack, 'Train', { stateMachine: machine, ...props });
  const logicalId = stack.getLogicalId(task.node.defaultChild as CfnElement);
  return { stack, machine, task, logicalId };
}

function taskProperties(stack: Stack): Record<string, unknown> {
  const resources = Object.values(Template.fromStack(stack).findResources(TYPE));
  expect(resources).toHaveLength(1);
  return resources[0].Properties;
}

describe('output(path)', () => {
  test('fills Expose with the paths asked for and returns the GetAtt of Outputs.<name>, which feeds another resource', () => {
    const { stack, machine, task, logicalId } = setup({ input: { epochs: 3 } });
    new ssm.StringParameter(stack, 'Model', { stringValue: task.output('model.uri') });
    new ssm.StringParameter(stack, 'Accuracy', { stringValue: task.output('metrics.0.accuracy') });

    expect(taskProperties(stack)).toEqual({
      StateMachineArn: stack.resolve(machine.stateMachineArn),
      Input: { epochs: 3 },
      Expose: { ModelUri: 'model.uri', Metrics0Accuracy: 'metrics.0.accuracy' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'Outputs.ModelUri'] } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'Outputs.Metrics0Accuracy'] } });
  });

  test('the same path twice is one Expose entry and the same token', () => {
    const { stack, task, logicalId } = setup();
    const first = task.output('model.uri');
    expect(stack.resolve(task.output('model.uri'))).toEqual(stack.resolve(first));
    expect(stack.resolve(first)).toEqual({ 'Fn::GetAtt': [logicalId, 'Outputs.ModelUri'] });
    expect(taskProperties(stack).Expose).toEqual({ ModelUri: 'model.uri' });
  });

  test('without output() calls the template carries no Expose', () => {
    const { stack } = setup();
    expect(taskProperties(stack)).not.toHaveProperty('Expose');
  });

  test('paths whose PascalCase collides or is too long get a hashed name Expose accepts, the same on every synth', () => {
    const names = () => {
      const { stack, task } = setup();
      task.output('model.uri');
      task.output('model_uri');
      task.output(`${'layer.'.repeat(20)}weights`);
      return taskProperties(stack).Expose as Record<string, string>;
    };
    const expose = names();
    expect(Object.values(expose)).toEqual(['model.uri', 'model_uri', `${'layer.'.repeat(20)}weights`]);
    for (const name of Object.keys(expose)) expect(name).toMatch(/^[A-Za-z0-9]{1,64}$/);
    expect(new Set(Object.keys(expose)).size).toBe(3);
    expect(Object.keys(expose)[0]).toBe('ModelUri');
    expect(names()).toEqual(expose);
  });

  test('outputNumber is a number token of the same GetAtt', () => {
    const { stack, task, logicalId } = setup();
    const accuracy = task.outputNumber('metrics.accuracy');
    expect(typeof accuracy).toBe('number');
    expect(stack.resolve(accuracy)).toEqual({ 'Fn::GetAtt': [logicalId, 'Outputs.MetricsAccuracy'] });
  });

  test('an empty path, a token and more than 100 paths are refused, naming the construct', () => {
    const { stack, task } = setup();
    const bucket = new s3.Bucket(stack, 'Bucket');
    expect(() => task.output('')).toThrow('Test/Train: output(""): a dot path has 1 to 512 characters (got 0)');
    expect(() => task.output(bucket.bucketName)).toThrow('Test/Train: output() takes a dot path known at synth, not a token');
    for (let i = 0; i <= 100; i++) task.output(`value.${i}`);
    expect(() => Template.fromStack(stack)).toThrow(/Test\/Train.*101 output paths requested; Expose holds at most 100/s);
  });
});

test('namePrefix and stopOnDelete render under the schema names; taskId is the Ref and executionArn a GetAtt', () => {
  const { stack, task, logicalId } = setup({ namePrefix: 'train', stopOnDelete: false });
  expect(taskProperties(stack)).toMatchObject({ NamePrefix: 'train', StopOnDelete: false });
  expect(stack.resolve(task.taskId)).toEqual({ Ref: logicalId });
  expect(stack.resolve(task.executionArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'ExecutionArn'] });
});

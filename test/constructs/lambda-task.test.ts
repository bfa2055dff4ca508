/**
 * The LambdaTask construct: an IFunction becomes FunctionName, output(path) fills Expose at synth, the function's
 * timeout is checked against what the type can wait for.
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { LambdaTask } from '@cfn-orchestration/constructs';
import { singleResource, RenderedResource } from './single-resource';
import { testStack } from './task-factories';

const TYPE = 'Orch::Lambda::Task';

function inlineFunction(scope: Construct, id: string, timeout?: Duration): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    timeout,
  });
}

function rendered(build: (stack: ReturnType<typeof testStack>) => void): RenderedResource {
  const stack = testStack();
  build(stack);
  return singleResource(stack, TYPE);
}

test('the function ARN and the payload render under the schema names; nothing is kept in Output; attributes are tokens of the resource', () => {
  const stack = testStack();
  const fn = inlineFunction(stack, 'Prepare');
  const data = new s3.Bucket(stack, 'Data');
  const task = new LambdaTask(stack, 'Task', { function: fn, payload: { bucket: data.bucketName, epochs: 3 } });
  const { logicalId, Properties } = singleResource(stack, TYPE);
  expect(Properties).toEqual({
    FunctionName: stack.resolve(fn.functionArn),
    Payload: { bucket: stack.resolve(data.bucketName), epochs: 3 },
    OutputPaths: [],
  });
  expect(stack.resolve(task.taskId)).toEqual({ Ref: logicalId });
  expect(stack.resolve(task.functionArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'FunctionArn'] });
  expect(stack.resolve(task.executedVersion)).toEqual({ 'Fn::GetAtt': [logicalId, 'ExecutedVersion'] });
  expect(stack.resolve(task.requestId)).toEqual({ 'Fn::GetAtt': [logicalId, 'RequestId'] });
  expect(stack.resolve(task.result)).toEqual({ 'Fn::GetAtt': [logicalId, 'Result'] });
});

test('an alias is invoked by its qualified ARN, an imported function by the ARN it was imported with', () => {
  const alias = rendered((stack) => {
    const fn = inlineFunction(stack, 'Prepare');
    const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    new LambdaTask(stack, 'Task', { function: live });
  });
  expect(alias.Properties.FunctionName).toEqual({ Ref: expect.stringMatching(/^Live/) });

  const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:prepare:3';
  const imported = rendered((stack) => new LambdaTask(stack, 'Task', { function: lambda.Function.fromFunctionArn(stack, 'Imported', arn) }));
  expect(imported.Properties).toEqual({ FunctionName: arn, OutputPaths: [] });
});

describe('output(path)', () => {
  test('fills Expose with the paths asked for and returns the Outputs.<name> token another resource takes', () => {
    const stack = testStack();
    const task = new LambdaTask(stack, 'Task', { function: inlineFunction(stack, 'Prepare') });
    new ssm.StringParameter(stack, 'Uri', { stringValue: task.output('model.uri') });
    const epochs = task.outputNumber('epochs');
    const { logicalId, Properties } = singleResource(stack, TYPE);
    expect(Properties.Expose).toEqual({ ModelUri: 'model.uri', Epochs: 'epochs' });
    expect(stack.resolve(epochs)).toEqual({ 'Fn::GetAtt': [logicalId, 'Outputs.Epochs'] });
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'Outputs.ModelUri'] } });
  });

  test('`value` names a returned value that is not an object; without output() there is no Expose', () => {
    const asked = testStack();
    new LambdaTask(asked, 'Task', { function: inlineFunction(asked, 'Prepare') }).output('value');
    expect(singleResource(asked, TYPE).Properties.Expose).toEqual({ Value: 'value' });
    const none = testStack();
    new LambdaTask(none, 'Task', { function: inlineFunction(none, 'Prepare') });
    expect(singleResource(none, TYPE).Properties).not.toHaveProperty('Expose');
  });

  test('an empty path, a token and more than 100 paths are refused, naming the construct', () => {
    const stack = testStack();
    const task = new LambdaTask(stack, 'Task', { function: inlineFunction(stack, 'Prepare') });
    expect(() => task.output('')).toThrow('Test/Task: output(""): a dot path has 1 to 512 characters (got 0)');
    expect(() => task.output(new s3.Bucket(stack, 'B').bucketName)).toThrow('Test/Task: output() takes a dot path known at synth, not a token');
    for (let i = 0; i <= 100; i++) task.output(`value.${i}`);
    expect(() => Template.fromStack(stack)).toThrow(/Test\/Task.*101 output paths requested; Expose holds at most 100/s);
  });
});

describe('the function timeout', () => {
  test('a function, version or alias with a timeout over 45 seconds is refused, naming the construct', () => {
    const message = "Test/Task: the function's timeout is 60 seconds; Orch::Lambda::Task invokes functions of at most 45 seconds";
    const stack = testStack();
    const slow = inlineFunction(stack, 'Slow', Duration.minutes(1));
    expect(() => new LambdaTask(stack, 'Task', { function: slow })).toThrow(message);
    expect(() => new LambdaTask(testStack(), 'Task', { function: slow.currentVersion })).toThrow(message);
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: slow.currentVersion });
    expect(() => new LambdaTask(testStack(), 'Task', { function: alias })).toThrow(message);
  });

  test('45 seconds, the default timeout and an imported function (whose timeout synth cannot know) pass', () => {
    const stack = testStack();
    expect(() => new LambdaTask(stack, 'At', { function: inlineFunction(stack, 'At45', Duration.seconds(45)) })).not.toThrow();
    expect(() => new LambdaTask(stack, 'Default', { function: inlineFunction(stack, 'Plain') })).not.toThrow();
    expect(() => new LambdaTask(stack, 'Imported', { function: lambda.Function.fromFunctionName(stack, 'Ext', 'ext') })).not.toThrow();
  });
});

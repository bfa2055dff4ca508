/**
 * The AwsCall construct: typed calls render under the schema names, output(path) fills the Expose of the calls whose
 * answer becomes the attributes, rerun options write RunToken. Synthesized from the jsii-built package.
 */
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsCall } from '@cfn-orchestration/constructs';
import { singleResource } from './single-resource';
import { testStack } from './task-factories';

const TYPE = 'Orch::Aws::Call';

test('the calls render under the schema names with tokens intact; no Output is kept; attributes are tokens of the resource', () => {
  const stack = testStack();
  const table = new dynamodb.Table(stack, 'Jobs', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const call = new AwsCall(stack, 'Job', {
    onCreate: { service: 'dynamodb', action: 'PutItem', parameters: { TableName: table.tableName, Item: { pk: { S: 'job' } } } },
    onDelete: { service: 'dynamodb', action: 'DeleteItem', parameters: { TableName: table.tableName, Key: { pk: { S: 'job' } } }, ignoreErrorCodesMatching: 'ResourceNotFound' },
  });
  const { logicalId, Properties } = singleResource(stack, TYPE);
  expect(Properties).toEqual({
    OnCreate: { Service: 'dynamodb', Action: 'PutItem', Parameters: { TableName: stack.resolve(table.tableName), Item: { pk: { S: 'job' } } }, OutputPaths: [] },
    OnDelete: { Service: 'dynamodb', Action: 'DeleteItem', Parameters: { TableName: stack.resolve(table.tableName), Key: { pk: { S: 'job' } } }, IgnoreErrorCodesMatching: 'ResourceNotFound' },
  });
  expect(stack.resolve(call.callId)).toEqual({ Ref: logicalId });
  expect(stack.resolve(call.requestId)).toEqual({ 'Fn::GetAtt': [logicalId, 'RequestId'] });
  expect(stack.resolve(call.result)).toEqual({ 'Fn::GetAtt': [logicalId, 'Result'] });
});

test('output(path) fills Expose of the create and update calls at synth and reads Outputs.<name>; the delete call gets none', () => {
  const stack = testStack();
  const get = { service: 's3', action: 'GetObject', parameters: { Bucket: 'models', Key: 'card.json' }, parseJson: ['Body'] };
  const card = new AwsCall(stack, 'Card', { onCreate: get, onUpdate: { ...get, action: 'getObject' }, onDelete: { service: 'ssm', action: 'DeleteParameter', parameters: { Name: '/x' } } });
  new CfnOutput(stack, 'Uri', { value: card.output('Body.model.uri') });
  new CfnOutput(stack, 'Accuracy', { value: card.output('Body.metrics.accuracy') });
  const { logicalId, Properties } = singleResource(stack, TYPE);
  const expose = { BodyModelUri: 'Body.model.uri', BodyMetricsAccuracy: 'Body.metrics.accuracy' };
  expect((Properties.OnCreate as Record<string, unknown>).Expose).toEqual(expose);
  expect((Properties.OnUpdate as Record<string, unknown>).Expose).toEqual(expose);
  expect((Properties.OnUpdate as Record<string, unknown>).ParseJson).toEqual(['Body']);
  expect((Properties.OnDelete as Record<string, unknown>).Expose).toBeUndefined();
  expect(Template.fromStack(stack).toJSON().Outputs.Uri.Value).toEqual({ 'Fn::GetAtt': [logicalId, 'Outputs.BodyModelUri'] });
});

test('resourceKey renders as ResourceKey, the create-only property whose change replaces the resource', () => {
  const stack = testStack();
  new AwsCall(stack, 'Item', { resourceKey: 'job-1', onCreate: { service: 'dynamodb', action: 'PutItem', parameters: { TableName: 't', Item: { pk: { S: 'job-1' } } } } });
  expect(singleResource(stack, TYPE).Properties.ResourceKey).toBe('job-1');
});

test('output() without a create or update call fails the synth, naming the construct', () => {
  const stack = new Stack(new App(), 'Test');
  const onlyDelete = new AwsCall(stack, 'Cleanup', { onDelete: { service: 'ssm', action: 'DeleteParameter', parameters: { Name: '/x' } } });
  onlyDelete.output('Anything');
  expect(() => Template.fromStack(stack)).toThrow(/Cleanup.*output\(\) reads the answer of onCreate or onUpdate: give one/);
});

test('rerunOn writes a RunToken digest that stays the same for the same values; runAlways with rerunOn is refused', () => {
  const token = (values: string[]) => {
    const stack = testStack();
    new AwsCall(stack, 'Call', { onCreate: { service: 'ssm', action: 'GetParameter', parameters: { Name: '/x' } }, rerunOn: values });
    return singleResource(stack, TYPE).Properties.RunToken;
  };
  expect(token(['v1'])).toEqual(token(['v1']));
  expect(token(['v1'])).not.toEqual(token(['v2']));
  expect(() => new AwsCall(testStack(), 'Both', { runAlways: true, rerunOn: ['v1'] })).toThrow(/runAlways already makes the update call on every deployment/);
});

/**
 * The end-to-end test's stand-in for a CloudFormation engine (test/support/template-walk.ts) must refuse what it
 * cannot do, or the end-to-end test could pass by skipping part of a template.
 */
import { LOCAL_AWS } from '../../local/local-aws';
import { CreatedResource, creationOrder, resolve } from '../support/template-walk';

const created = new Map<string, CreatedResource>([
  ['Train', { ref: 'Train-1', model: { Id: 'Train-1', Outputs: { ModelUri: 's3://m/1' }, Output: { model: { uri: 's3://m/1' } } } }],
  ['Model', { ref: 'Model-1', model: { Metadata: { 'x.stage': 'validated' } } }],
]);

test('creation order follows Ref, Fn::GetAtt and DependsOn, and a cycle is refused with its path', () => {
  const order = creationOrder({
    Release: { Type: 'Orch::Git::CommitFromS3', Properties: { CommitMessage: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Config', 'Outputs.Tag'] }]] } }, DependsOn: 'Param' },
    Config: { Type: 'Orch::S3::FileReader', Properties: { Key: { Ref: 'Train' }, Bucket: { Ref: 'AWS::AccountId' } } },
    Param: { Type: 'Orch::S3::MetadataReader', DependsOn: ['Train'] },
    Train: { Type: 'Orch::StepFunctions::Task', Properties: {} },
  });
  expect(order.indexOf('Train')).toBeLessThan(order.indexOf('Config'));
  expect(order.indexOf('Train')).toBeLessThan(order.indexOf('Param'));
  expect(order[3]).toBe('Release');

  expect(() => creationOrder({ A: { Type: 'T', Properties: { x: { Ref: 'B' } } }, B: { Type: 'T', DependsOn: 'A' } })).toThrow('dependency cycle: A -> B -> A');
  expect(() => creationOrder({ A: { Type: 'T', Properties: { x: { Ref: 'Missing' } } } })).toThrow('A refers to Missing');
});

test('Ref, Fn::GetAtt (one key or a dot path) and Fn::Join resolve from the created models', () => {
  expect(
    resolve(
      {
        Id: { Ref: 'Train' },
        Uri: { 'Fn::GetAtt': ['Train', 'Outputs.ModelUri'] },
        Deep: { 'Fn::GetAtt': ['Train', 'Output.model.uri'] },
        Stage: { 'Fn::GetAtt': ['Model', 'Metadata.x.stage'] },
        Message: { 'Fn::Join': [' ', ['Release', { 'Fn::GetAtt': ['Train', 'Outputs.ModelUri'] }, 'in', { Ref: 'AWS::Region' }]] },
      },
      created,
    ),
  ).toEqual({ Id: 'Train-1', Uri: 's3://m/1', Deep: 's3://m/1', Stage: 'validated', Message: `Release s3://m/1 in ${LOCAL_AWS.region}` });
});

test('an unknown intrinsic, an attribute the model lacks and a resource not created yet are errors naming where', () => {
  expect(() => resolve({ Value: { 'Fn::Sub': 'x' } }, created, 'Outputs.X')).toThrow('Outputs.X.Value: Fn::Sub is not resolved here');
  expect(() => resolve({ 'Fn::GetAtt': ['Train', 'Outputs.Loss'] }, created, 'P')).toThrow('P: Train has no attribute Outputs.Loss');
  expect(() => resolve([{ Ref: 'Later' }], created, 'P')).toThrow('P[0]: Later is not created yet');
});

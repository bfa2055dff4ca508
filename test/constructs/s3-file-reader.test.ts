/** The S3FileReader construct: an IBucket and a key; output(path) fills Expose at synth. */
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { S3FileReader } from '@cfn-orchestration/constructs';
import { singleResource } from './single-resource';
import { testStack } from './task-factories';

const TYPE = 'Orch::S3::FileReader';

test('the bucket name, key, version and defaults render under the schema names; nothing is kept in Output', () => {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Config');
  new S3FileReader(stack, 'Reader', { bucket, key: 'train/config.json', versionId: 'v7', defaults: { image: { tag: 'latest' } } });
  expect(singleResource(stack, TYPE).Properties).toEqual({
    Bucket: stack.resolve(bucket.bucketName),
    Key: 'train/config.json',
    VersionId: 'v7',
    Defaults: { image: { tag: 'latest' } },
    OutputPaths: [],
  });
});

test('an imported bucket renders its name; the attributes are tokens of the resource', () => {
  const stack = testStack();
  const reader = new S3FileReader(stack, 'Reader', { bucket: s3.Bucket.fromBucketName(stack, 'Ext', 'shared-config'), key: 'a.json' });
  const { logicalId, Properties } = singleResource(stack, TYPE);
  expect(Properties).toEqual({ Bucket: 'shared-config', Key: 'a.json', OutputPaths: [] });
  expect(stack.resolve(reader.readerId)).toEqual({ Ref: logicalId });
  expect(stack.resolve(reader.etag)).toEqual({ 'Fn::GetAtt': [logicalId, 'ETag'] });
  expect(stack.resolve(reader.objectVersionId)).toEqual({ 'Fn::GetAtt': [logicalId, 'ObjectVersionId'] });
  expect(stack.resolve(reader.lastModified)).toEqual({ 'Fn::GetAtt': [logicalId, 'LastModified'] });
  expect(stack.resolve(reader.source)).toEqual({ 'Fn::GetAtt': [logicalId, 'Source'] });
});

test('output(path) fills Expose with each path once and feeds other resources; outputNumber is a number token', () => {
  const stack = testStack();
  const reader = new S3FileReader(stack, 'Reader', { bucket: s3.Bucket.fromBucketName(stack, 'Ext', 'shared-config'), key: 'a.json' });
  new ssm.StringParameter(stack, 'Image', { stringValue: reader.output('image.tag') });
  new ssm.StringParameter(stack, 'Again', { stringValue: reader.output('image.tag') });
  const replicas = reader.outputNumber('replicas');
  const { logicalId, Properties } = singleResource(stack, TYPE);
  expect(Properties.Expose).toEqual({ ImageTag: 'image.tag', Replicas: 'replicas' });
  expect(typeof replicas).toBe('number');
  expect(stack.resolve(replicas)).toEqual({ 'Fn::GetAtt': [logicalId, 'Outputs.Replicas'] });
  Template.fromStack(stack).resourcePropertiesCountIs('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'Outputs.ImageTag'] } }, 2);
});

test('a token path is refused, naming the construct', () => {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Config');
  const reader = new S3FileReader(stack, 'Reader', { bucket, key: 'a.json' });
  expect(() => reader.output(bucket.bucketName)).toThrow('Test/Reader: output() takes a dot path known at synth, not a token');
});

/** The S3MetadataReader construct: an IBucket and a key; metadata(key) fills Expose at synth. */
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { S3MetadataReader } from '@cfn-orchestration/constructs';
import { singleResource } from './single-resource';
import { testStack } from './task-factories';

const TYPE = 'Orch::S3::MetadataReader';

function setup() {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Models');
  const reader = new S3MetadataReader(stack, 'Reader', { bucket, key: 'model.tar.gz', versionId: 'v3', defaults: { commit: 'none' } });
  return { stack, bucket, reader };
}

test('the bucket name, key, version and defaults render under the schema names; without metadata() there is no Expose', () => {
  const { stack, bucket } = setup();
  expect(singleResource(stack, TYPE).Properties).toEqual({
    Bucket: stack.resolve(bucket.bucketName),
    Key: 'model.tar.gz',
    VersionId: 'v3',
    Defaults: { commit: 'none' },
  });
});

test('metadata(key) fills Expose with the key in lower case, once whatever its case, and feeds other resources', () => {
  const { stack, reader } = setup();
  new ssm.StringParameter(stack, 'Commit', { stringValue: reader.metadata('Commit') });
  expect(stack.resolve(reader.metadata('commit'))).toEqual(stack.resolve(reader.metadata('COMMIT')));
  reader.metadata('trained-by');
  const { logicalId, Properties } = singleResource(stack, TYPE);
  expect(Properties.Expose).toEqual({ Commit: 'commit', TrainedBy: 'trained-by' });
  Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'Outputs.Commit'] } });
});

test('the system metadata attributes are tokens of the resource', () => {
  const { stack, reader } = setup();
  const logicalId = singleResource(stack, TYPE).logicalId;
  const attributes = {
    readerId: { Ref: logicalId },
    contentType: { 'Fn::GetAtt': [logicalId, 'ContentType'] },
    contentLength: { 'Fn::GetAtt': [logicalId, 'ContentLength'] },
    etag: { 'Fn::GetAtt': [logicalId, 'ETag'] },
    objectVersionId: { 'Fn::GetAtt': [logicalId, 'ObjectVersionId'] },
    lastModified: { 'Fn::GetAtt': [logicalId, 'LastModified'] },
    source: { 'Fn::GetAtt': [logicalId, 'Source'] },
  };
  for (const [name, expected] of Object.entries(attributes)) expect(stack.resolve(reader[name as keyof typeof attributes])).toEqual(expected);
});

test('a key S3 cannot hold, a token key and a bad defaults key are refused, naming the construct', () => {
  const { stack, bucket, reader } = setup();
  expect(() => reader.metadata('x-amz-meta-a b')).toThrow(/^Test\/Reader: metadata\("x-amz-meta-a b"\): a user-metadata key \(without x-amz-meta-\) matches/);
  expect(() => reader.metadata('')).toThrow('Test/Reader: metadata(""): a user-metadata key');
  expect(() => reader.metadata(bucket.bucketName)).toThrow('Test/Reader: metadata() takes a metadata key known at synth, not a token');
  expect(() => new S3MetadataReader(stack, 'Bad', { bucket, key: 'k', defaults: { 'has space': 'x' } })).toThrow(
    'Test/Bad: defaults key "has space": a user-metadata key',
  );
});

test('more than 100 keys fail synth, naming the construct', () => {
  const { stack, reader } = setup();
  for (let i = 0; i <= 100; i++) reader.metadata(`key${i}`);
  expect(() => Template.fromStack(stack)).toThrow(/Test\/Reader.*101 metadata keys requested; Expose holds at most 100/s);
});

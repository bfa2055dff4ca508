import { GetBucketNotificationConfigurationCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const bucket = nativeProvider('AWS::S3::Bucket');
const s3 = env.clients.s3;

describe('AWS::S3::Bucket', () => {
  test('a bucket without BucketName gets a lowercase generated name with the stack and logical id, and the attributes', async () => {
    const stack = stackName();
    const created = await bucket.create({ stackName: stack, logicalId: 'InputData', properties: { VersioningConfiguration: { Status: 'Enabled' } } }, env);
    expect(created.physicalId).toMatch(new RegExp(`^${stack}-inputdata-[a-z0-9]{13}$`));
    const name = created.physicalId;
    expect(created.attributes).toEqual({
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.us-east-1.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.us-east-1.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-us-east-1.amazonaws.com`,
    });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status).toBe('Enabled');
    await bucket.delete({ stackName: stack, logicalId: 'InputData', physicalId: name, properties: {} }, env);
    await expect(s3.send(new HeadBucketCommand({ Bucket: name }))).rejects.toThrow();
  });

  test('update in place sets what changed and removes what the template dropped', async () => {
    const stack = stackName();
    const before = { Tags: [{ Key: 'team', Value: 'ml' }], PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } };
    const { physicalId } = await bucket.create({ stackName: stack, logicalId: 'Data', properties: before }, env);
    const after = { Tags: [{ Key: 'team', Value: 'research' }, { Key: 'cost', Value: '42' }], VersioningConfiguration: { Status: 'Enabled' } };
    const updated = await bucket.update({ stackName: stack, logicalId: 'Data', physicalId, properties: after, previousProperties: before }, env);

    expect(updated.physicalId).toBe(physicalId);
    const tags = (await s3.send(new GetBucketTaggingCommand({ Bucket: physicalId }))).TagSet;
    expect(tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'research' }, { Key: 'cost', Value: '42' }]));
    expect(tags).toHaveLength(2);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: physicalId }))).Status).toBe('Enabled');
    await expect(s3.send(new GetPublicAccessBlockCommand({ Bucket: physicalId }))).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
    await bucket.delete({ stackName: stack, logicalId: 'Data', physicalId, properties: after }, env);
  });

  test('NotificationConfiguration in CloudFormation shape becomes S3 notification configuration', async () => {
    const stack = stackName();
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:datasets';
    const properties = {
      NotificationConfiguration: {
        TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: topicArn, Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'incoming/' }] } } }],
      },
    };
    const { physicalId } = await bucket.create({ stackName: stack, logicalId: 'Landing', properties }, env);
    const configuration = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: physicalId }));
    expect(configuration.TopicConfigurations).toEqual([
      expect.objectContaining({ TopicArn: topicArn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } } }),
    ]);
    await bucket.delete({ stackName: stack, logicalId: 'Landing', physicalId, properties }, env);
  });

  test('a BucketName already taken fails naming the logical id, the property and S3 error', async () => {
    const stack = stackName();
    const { physicalId } = await bucket.create({ stackName: stack, logicalId: 'First', properties: {} }, env);
    await expect(bucket.create({ stackName: stack, logicalId: 'Second', properties: { BucketName: physicalId } }, env)).rejects.toThrow(
      /^Second \(AWS::S3::Bucket\): BucketName: CreateBucket: BucketAlreadyExists: /,
    );
    await bucket.delete({ stackName: stack, logicalId: 'First', physicalId, properties: {} }, env);
  });

  test('deleting a bucket that holds objects fails as CloudFormation does; deleting one already gone succeeds', async () => {
    const stack = stackName();
    const { physicalId } = await bucket.create({ stackName: stack, logicalId: 'Full', properties: {} }, env);
    await s3.send(new PutObjectCommand({ Bucket: physicalId, Key: 'dataset.csv', Body: 'a,b\n' }));
    await expect(bucket.delete({ stackName: stack, logicalId: 'Full', physicalId, properties: {} }, env)).rejects.toThrow(
      /^Full \(AWS::S3::Bucket\): DeleteBucket: BucketNotEmpty: /,
    );
    await expect(bucket.delete({ stackName: stack, logicalId: 'Gone', physicalId: `${stack}-never-created`, properties: {} }, env)).resolves.toBeUndefined();
  });
});

import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTagsForResourceCommand } from '@aws-sdk/client-sns';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const topic = nativeProvider('AWS::SNS::Topic');
const sns = env.clients.sns;
const endpoints = async (TopicArn: string) =>
  ((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions ?? []).map((s) => `${s.Protocol} ${s.Endpoint}`).sort();

describe('AWS::SNS::Topic', () => {
  test('Ref and TopicArn are the ARN; update sets attributes, adds and removes subscriptions and tags', async () => {
    const stack = stackName();
    const before = { DisplayName: 'Job status', Subscription: [{ Protocol: 'email', Endpoint: 'ml@example.com' }, { Protocol: 'email', Endpoint: 'old@example.com' }] };
    const created = await topic.create({ stackName: stack, logicalId: 'JobStatus', properties: before }, env);
    expect(created.physicalId).toMatch(new RegExp(`^arn:aws:sns:us-east-1:123456789012:${stack}-JobStatus-[A-Z0-9]{13}$`));
    expect(created.attributes).toEqual({ TopicArn: created.physicalId, TopicName: created.physicalId.split(':').pop() });
    expect(await endpoints(created.physicalId)).toEqual(['email ml@example.com', 'email old@example.com']);

    const after = { DisplayName: 'Training jobs', Subscription: [{ Protocol: 'email', Endpoint: 'ml@example.com' }, { Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q' }], Tags: [{ Key: 'team', Value: 'ml' }] };
    await topic.update({ stackName: stack, logicalId: 'JobStatus', physicalId: created.physicalId, properties: after, previousProperties: before }, env);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: created.physicalId }));
    expect(Attributes?.DisplayName).toBe('Training jobs');
    expect(await endpoints(created.physicalId)).toEqual(['email ml@example.com', 'sqs arn:aws:sqs:us-east-1:123456789012:q']);
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: created.physicalId }))).Tags).toEqual([{ Key: 'team', Value: 'ml' }]);

    await topic.delete({ stackName: stack, logicalId: 'JobStatus', physicalId: created.physicalId, properties: after }, env);
    await expect(sns.send(new GetTopicAttributesCommand({ TopicArn: created.physicalId }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  test('a FIFO topic without TopicName gets a generated name ending in .fifo', async () => {
    const stack = stackName();
    const created = await topic.create({ stackName: stack, logicalId: 'Ordered', properties: { FifoTopic: true, ContentBasedDeduplication: true } }, env);
    expect(created.attributes.TopicName).toMatch(new RegExp(`^${stack}-Ordered-[A-Z0-9]{13}\\.fifo$`));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: created.physicalId }));
    expect(Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await topic.delete({ stackName: stack, logicalId: 'Ordered', physicalId: created.physicalId, properties: {} }, env);
  });
});

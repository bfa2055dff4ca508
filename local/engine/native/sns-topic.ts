import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { physicalName } from './names';
import { call, changed, NativeEnvironment, NativeProvider, NativeResult, Properties } from './provider';
import { tagChanges, tagList } from './tags';

const typeName = 'AWS::SNS::Topic';
type Subscription = { Protocol: string; Endpoint: string };

/** Template properties that are SNS topic attributes, by the attribute's name. */
const ATTRIBUTES: Record<string, string> = { DisplayName: 'DisplayName', ContentBasedDeduplication: 'ContentBasedDeduplication', KmsMasterKeyId: 'KmsMasterKeyId' };

const key = (s: Subscription) => `${s.Protocol} ${s.Endpoint}`;
const subscriptions = (p: Properties) => ((p.Subscription ?? []) as Subscription[]).map((s) => ({ Protocol: String(s.Protocol), Endpoint: String(s.Endpoint) }));

function result(arn: string): NativeResult {
  return { physicalId: arn, attributes: { TopicArn: arn, TopicName: arn.slice(arn.lastIndexOf(':') + 1) } };
}

async function subscribe(logicalId: string, TopicArn: string, list: Subscription[], env: NativeEnvironment): Promise<void> {
  for (const s of list) {
    await call({ logicalId, typeName }, 'Subscription', 'Subscribe', () => env.clients.sns.send(new SubscribeCommand({ TopicArn, Protocol: s.Protocol, Endpoint: s.Endpoint })));
  }
}

export const snsTopic: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const fifo = properties.FifoTopic === true;
    // A FIFO topic's name must end in .fifo; CloudFormation adds it to the name it generates.
    const Name = (properties.TopicName as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 256, ending: fifo ? '.fifo' : '' });
    const Attributes: Record<string, string> = fifo ? { FifoTopic: 'true' } : {};
    for (const [property, attribute] of Object.entries(ATTRIBUTES)) if (properties[property] !== undefined) Attributes[attribute] = String(properties[property]);
    const { TopicArn } = await call({ logicalId, typeName }, properties.TopicName ? 'TopicName' : undefined, 'CreateTopic', () =>
      env.clients.sns.send(new CreateTopicCommand({ Name, Attributes, ...(properties.Tags ? { Tags: tagList(properties.Tags) } : {}) })),
    );
    await subscribe(logicalId, TopicArn!, subscriptions(properties), env);
    return result(TopicArn!);
  },
  async update({ logicalId, physicalId: TopicArn, properties, previousProperties: before }, env) {
    const r = { logicalId, typeName };
    const sns = env.clients.sns;
    for (const [property, AttributeName] of Object.entries(ATTRIBUTES)) {
      if (!changed(property, before, properties)) continue;
      const AttributeValue = properties[property] === undefined ? '' : String(properties[property]);
      await call(r, property, 'SetTopicAttributes', () => sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue })));
    }
    if (changed('Subscription', before, properties)) {
      const [old, now] = [new Set(subscriptions(before).map(key)), new Set(subscriptions(properties).map(key))];
      await subscribe(logicalId, TopicArn, subscriptions(properties).filter((s) => !old.has(key(s))), env);
      const live = await call(r, 'Subscription', 'ListSubscriptionsByTopic', () => sns.send(new ListSubscriptionsByTopicCommand({ TopicArn })));
      for (const s of live.Subscriptions ?? []) {
        const k = `${s.Protocol} ${s.Endpoint}`;
        if (old.has(k) && !now.has(k) && s.SubscriptionArn?.startsWith('arn:')) {
          await call(r, 'Subscription', 'Unsubscribe', () => sns.send(new UnsubscribeCommand({ SubscriptionArn: s.SubscriptionArn })));
        }
      }
    }
    if (changed('Tags', before, properties)) {
      const { set, removed } = tagChanges(before.Tags, properties.Tags);
      if (removed.length) await call(r, 'Tags', 'UntagResource', () => sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: removed })));
      if (set.length) await call(r, 'Tags', 'TagResource', () => sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: set })));
    }
    return result(TopicArn);
  },
  async delete({ logicalId, physicalId: TopicArn }, env) {
    // DeleteTopic of a topic that is gone succeeds.
    await call({ logicalId, typeName }, undefined, 'DeleteTopic', () => env.clients.sns.send(new DeleteTopicCommand({ TopicArn })));
  },
};

import { SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, jsonText, NativeEnvironment, NativeProvider, Properties } from './provider';

const typeName = 'AWS::SNS::TopicPolicy';

const topicsOf = (properties: Properties) => ((properties.Topics ?? []) as unknown[]).map(String);

/**
 * The policy SNS gives a new topic: what a topic goes back to when the stack's policy leaves it, as CloudFormation
 * does on delete (SNS has no call that removes a topic's policy).
 */
function defaultPolicy(topicArn: string): string {
  const account = topicArn.split(':')[4];
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': account } },
      },
    ],
  });
}

async function setPolicy(logicalId: string, property: string, TopicArn: string, policy: string, env: NativeEnvironment): Promise<void> {
  await call({ logicalId, typeName }, property, 'SetTopicAttributes', () =>
    env.clients.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: policy })),
  );
}

/** Puts the default policy back on topics the stack's policy no longer covers; a topic already gone needs nothing. */
async function release(logicalId: string, topics: readonly string[], env: NativeEnvironment): Promise<void> {
  for (const TopicArn of topics) {
    await call({ logicalId, typeName }, 'Topics', 'SetTopicAttributes', () =>
      deleteIgnoringMissing(['NotFoundException', 'NotFound'], () =>
        env.clients.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: defaultPolicy(TopicArn) })),
      ),
    );
  }
}

export const snsTopicPolicy: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const policy = jsonText(properties.PolicyDocument)!;
    for (const topic of topicsOf(properties)) await setPolicy(logicalId, 'PolicyDocument', topic, policy, env);
    // CloudFormation's Ref of a topic policy is an id of its own, not a topic's ARN.
    const id = physicalName(stackName, logicalId, { maxLength: 256 });
    return { physicalId: id, attributes: { Id: id } };
  },
  async update({ logicalId, physicalId, properties, previousProperties: before }, env) {
    const now = topicsOf(properties);
    if (changed('PolicyDocument', before, properties) || changed('Topics', before, properties)) {
      const policy = jsonText(properties.PolicyDocument)!;
      for (const topic of now) await setPolicy(logicalId, 'PolicyDocument', topic, policy, env);
      await release(logicalId, topicsOf(before).filter((t) => !now.includes(t)), env);
    }
    return { physicalId, attributes: { Id: physicalId } };
  },
  async delete({ logicalId, properties }, env) {
    await release(logicalId, topicsOf(properties), env);
  },
};

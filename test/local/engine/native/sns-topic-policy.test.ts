import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const topic = nativeProvider('AWS::SNS::Topic');
const topicPolicy = nativeProvider('AWS::SNS::TopicPolicy');
const policyOf = async (TopicArn: string) => JSON.parse((await env.clients.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!.Policy!);

const publishFrom = (service: string, arn: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: service, Effect: 'Allow', Principal: { Service: service }, Action: 'sns:Publish', Resource: arn }],
});

describe('AWS::SNS::TopicPolicy', () => {
  test('sets the policy on its topics, moves with Topics, and gives the topics back their default policy on delete', async () => {
    const stack = stackName();
    const [a, b] = await Promise.all(['A', 'B'].map((id) => topic.create({ stackName: stack, logicalId: id, properties: {} }, env)));
    const before = { PolicyDocument: publishFrom('events.amazonaws.com', a.physicalId), Topics: [a.physicalId] };
    const created = await topicPolicy.create({ stackName: stack, logicalId: 'Policy', properties: before }, env);
    expect(created.physicalId).toMatch(new RegExp(`^${stack}-Policy-[A-Z0-9]{13}$`));
    expect(created.attributes).toEqual({ Id: created.physicalId });
    expect((await policyOf(a.physicalId)).Statement).toEqual(before.PolicyDocument.Statement);
    const defaultStatement = (await policyOf(b.physicalId)).Statement;
    expect(defaultStatement.map((s: { Sid: string }) => s.Sid)).toEqual(['__default_statement_ID']);

    // A policy written as JSON text, now on the other topic only.
    const after = { PolicyDocument: JSON.stringify(publishFrom('states.amazonaws.com', b.physicalId)), Topics: [b.physicalId] };
    await topicPolicy.update({ stackName: stack, logicalId: 'Policy', physicalId: created.physicalId, properties: after, previousProperties: before }, env);
    expect((await policyOf(b.physicalId)).Statement[0].Principal).toEqual({ Service: 'states.amazonaws.com' });
    expect((await policyOf(a.physicalId)).Id).toBe('__default_policy_ID');

    await topicPolicy.delete({ stackName: stack, logicalId: 'Policy', physicalId: created.physicalId, properties: after }, env);
    expect((await policyOf(b.physicalId)).Id).toBe('__default_policy_ID');
    expect((await policyOf(b.physicalId)).Statement[0].Condition).toEqual({ StringEquals: { 'AWS:SourceOwner': '123456789012' } });

    // A topic deleted first (as a failed create's rollback may) leaves nothing for the policy's delete to do.
    await topic.delete({ stackName: stack, logicalId: 'B', physicalId: b.physicalId, properties: {} }, env);
    await expect(topicPolicy.delete({ stackName: stack, logicalId: 'Policy', physicalId: created.physicalId, properties: after }, env)).resolves.toBeUndefined();
    await topic.delete({ stackName: stack, logicalId: 'A', physicalId: a.physicalId, properties: {} }, env);
  });
});

import { CreateEventBusCommand, DeleteEventBusCommand, DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const rule = nativeProvider('AWS::Events::Rule');
const events = env.clients.events;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:job-status';
const PATTERN = { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { status: ['FAILED', 'SUCCEEDED'] } };

describe('AWS::Events::Rule', () => {
  test('Ref is the rule name, Arn its ARN; update replaces the pattern and the targets; delete removes the targets first', async () => {
    const stack = stackName();
    const before = { EventPattern: PATTERN, Targets: [{ Id: 'Notify', Arn: TOPIC }, { Id: 'Old', Arn: `${TOPIC}-old` }] };
    const created = await rule.create({ stackName: stack, logicalId: 'JobStatusRule', properties: before }, env);
    expect(created.physicalId).toMatch(new RegExp(`^${stack}-JobStatusRule-[A-Z0-9]{13}$`));
    expect(created.attributes.Arn).toBe(`arn:aws:events:us-east-1:123456789012:rule/${created.physicalId}`);
    const described = await events.send(new DescribeRuleCommand({ Name: created.physicalId }));
    expect(JSON.parse(described.EventPattern!)).toEqual(PATTERN);
    expect(described.State).toBe('ENABLED');

    const after = { EventPattern: JSON.stringify({ source: ['aws.states'] }), State: 'DISABLED', Targets: [{ Id: 'Notify', Arn: `${TOPIC}-2`, Input: '{"a":1}' }] };
    await rule.update({ stackName: stack, logicalId: 'JobStatusRule', physicalId: created.physicalId, properties: after, previousProperties: before }, env);
    const updated = await events.send(new DescribeRuleCommand({ Name: created.physicalId }));
    expect({ pattern: JSON.parse(updated.EventPattern!), state: updated.State }).toEqual({ pattern: { source: ['aws.states'] }, state: 'DISABLED' });
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: created.physicalId }));
    expect(Targets?.map((t) => ({ Id: t.Id, Arn: t.Arn, Input: t.Input }))).toEqual([{ Id: 'Notify', Arn: `${TOPIC}-2`, Input: '{"a":1}' }]);

    await rule.delete({ stackName: stack, logicalId: 'JobStatusRule', physicalId: created.physicalId, properties: after }, env);
    await expect(events.send(new DescribeRuleCommand({ Name: created.physicalId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('on a custom bus Ref is <bus>|<name>, and delete finds the rule there', async () => {
    const stack = stackName();
    const bus = `${stack}-bus`;
    await events.send(new CreateEventBusCommand({ Name: bus }));
    const properties = { EventBusName: bus, EventPattern: PATTERN };
    const created = await rule.create({ stackName: stack, logicalId: 'OnBus', properties }, env);
    expect(created.physicalId).toMatch(new RegExp(`^${bus}\\|${stack}-OnBus-[A-Z0-9]{13}$`));
    await rule.delete({ stackName: stack, logicalId: 'OnBus', physicalId: created.physicalId, properties }, env);
    await expect(events.send(new DescribeRuleCommand({ Name: created.physicalId.split('|')[1], EventBusName: bus }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await events.send(new DeleteEventBusCommand({ Name: bus }));
  });

  test('a rule with neither EventPattern nor ScheduleExpression is refused naming EventPattern', async () => {
    await expect(rule.create({ stackName: stackName(), logicalId: 'Idle', properties: { Targets: [] } }, env)).rejects.toThrow(
      'Idle (AWS::Events::Rule): EventPattern: a rule needs EventPattern or ScheduleExpression',
    );
  });
});

import { DeleteRuleCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, Target } from '@aws-sdk/client-eventbridge';
import { physicalName } from './names';
import { call, deleteIgnoringMissing, jsonText, NativeEnvironment, NativeProvider, NativeResourceError, NativeResult, Properties } from './provider';

const typeName = 'AWS::Events::Rule';

/** CloudFormation's Ref: the rule's name on the default bus, `<bus>|<name>` on any other. */
function parseId(physicalId: string): { Name: string; EventBusName?: string } {
  const [bus, name] = physicalId.includes('|') ? physicalId.split('|') : [undefined, physicalId];
  return { Name: name, ...(bus ? { EventBusName: bus } : {}) };
}

async function putRule(logicalId: string, Name: string, properties: Properties, env: NativeEnvironment): Promise<NativeResult> {
  if (properties.EventPattern === undefined && properties.ScheduleExpression === undefined) {
    throw new NativeResourceError(logicalId, typeName, 'EventPattern', 'a rule needs EventPattern or ScheduleExpression');
  }
  const EventBusName = properties.EventBusName as string | undefined;
  const { RuleArn } = await call({ logicalId, typeName }, properties.EventPattern !== undefined ? 'EventPattern' : 'ScheduleExpression', 'PutRule', () =>
    env.clients.events.send(
      new PutRuleCommand({
        Name,
        EventBusName,
        EventPattern: jsonText(properties.EventPattern),
        ScheduleExpression: properties.ScheduleExpression as string | undefined,
        State: (properties.State as any) ?? 'ENABLED',
        Description: properties.Description as string | undefined,
        RoleArn: properties.RoleArn as string | undefined,
      }),
    ),
  );
  // Targets the template no longer lists go; the listed ones are put (PutTargets replaces a target of the same Id).
  const targets = (properties.Targets ?? []) as Target[];
  const ids = new Set(targets.map((t) => t.Id));
  const live = await call({ logicalId, typeName }, 'Targets', 'ListTargetsByRule', () => env.clients.events.send(new ListTargetsByRuleCommand({ Rule: Name, EventBusName })));
  const stale = (live.Targets ?? []).map((t) => t.Id!).filter((id) => !ids.has(id));
  if (stale.length) await call({ logicalId, typeName }, 'Targets', 'RemoveTargets', () => env.clients.events.send(new RemoveTargetsCommand({ Rule: Name, EventBusName, Ids: stale })));
  if (targets.length) {
    const put = await call({ logicalId, typeName }, 'Targets', 'PutTargets', () => env.clients.events.send(new PutTargetsCommand({ Rule: Name, EventBusName, Targets: targets })));
    const failed = put.FailedEntries?.[0];
    if (failed) throw new NativeResourceError(logicalId, typeName, `Targets.${failed.TargetId}`, `PutTargets: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
  }
  const physicalId = EventBusName && EventBusName !== 'default' ? `${EventBusName}|${Name}` : Name;
  return { physicalId, attributes: { Arn: RuleArn! } };
}

export const eventsRule: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const Name = (properties.Name as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 64 });
    return putRule(logicalId, Name, properties, env);
  },
  async update({ logicalId, physicalId, properties }, env) {
    return putRule(logicalId, parseId(physicalId).Name, properties, env);
  },
  async delete({ logicalId, physicalId }, env) {
    const { Name, EventBusName } = parseId(physicalId);
    // EventBridge refuses to delete a rule that still has targets.
    await call({ logicalId, typeName }, undefined, 'DeleteRule', () =>
      deleteIgnoringMissing(['ResourceNotFoundException'], async () => {
        const live = await env.clients.events.send(new ListTargetsByRuleCommand({ Rule: Name, EventBusName }));
        const Ids = (live.Targets ?? []).map((t) => t.Id!);
        if (Ids.length) await env.clients.events.send(new RemoveTargetsCommand({ Rule: Name, EventBusName, Ids }));
        await env.clients.events.send(new DeleteRuleCommand({ Name, EventBusName }));
      }),
    );
  },
};

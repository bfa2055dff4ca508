import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, NativeEnvironment, NativeProvider, NativeResourceError, NativeResult, Properties } from './provider';
import { tagChanges, tagList } from './tags';

const typeName = 'AWS::StepFunctions::StateMachine';
const SOURCES = ['Definition', 'DefinitionString', 'DefinitionS3Location'] as const;

/**
 * The ASL text: from exactly one of Definition (a mapping), DefinitionString or DefinitionS3Location, with each
 * `${name}` of DefinitionSubstitutions replaced by its value, as CloudFormation does before calling Step Functions.
 */
async function definition(logicalId: string, properties: Properties, env: NativeEnvironment): Promise<string> {
  const given = SOURCES.filter((s) => properties[s] !== undefined);
  if (given.length !== 1) {
    const reason = given.length === 0 ? `one of ${SOURCES.join(', ')} is required` : `set only one of ${given.join(', ')}`;
    throw new NativeResourceError(logicalId, typeName, given[1] ?? 'Definition', reason);
  }
  let text: string;
  if (given[0] === 'Definition') text = JSON.stringify(properties.Definition);
  else if (given[0] === 'DefinitionString') text = String(properties.DefinitionString);
  else {
    const location = properties.DefinitionS3Location as { Bucket: string; Key: string; Version?: string };
    const object = await call({ logicalId, typeName }, 'DefinitionS3Location', 'GetObject', () =>
      env.clients.s3.send(new GetObjectCommand({ Bucket: location.Bucket, Key: location.Key, VersionId: location.Version })),
    );
    text = await object.Body!.transformToString();
  }
  const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(substitutions)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new NativeResourceError(logicalId, typeName, `DefinitionSubstitutions.${name}`, 'a substitution is a string, number or boolean');
    }
    text = text.split(`\${${name}}`).join(String(value));
  }
  return text;
}

const sfnTags = (value: unknown) => tagList(value).map((t) => ({ key: t.Key, value: t.Value }));

async function result(arn: string, env: NativeEnvironment): Promise<NativeResult> {
  const described = await env.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
  return {
    physicalId: arn,
    attributes: { Arn: arn, Name: described.name!, StateMachineRevisionId: described.revisionId ?? arn },
  };
}

function options(properties: Properties) {
  return {
    loggingConfiguration: properties.LoggingConfiguration as any,
    tracingConfiguration: properties.TracingConfiguration as any,
  };
}

export const stateMachine: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const text = await definition(logicalId, properties, env);
    const name = (properties.StateMachineName as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 80, withoutStack: true });
    const created = await call({ logicalId, typeName }, 'DefinitionString', 'CreateStateMachine', () =>
      env.clients.sfn.send(
        new CreateStateMachineCommand({
          name,
          definition: text,
          roleArn: properties.RoleArn as string,
          type: properties.StateMachineType as any,
          ...options(properties),
          ...(properties.Tags ? { tags: sfnTags(properties.Tags) } : {}),
        }),
      ),
    );
    return result(created.stateMachineArn!, env);
  },
  async update({ logicalId, physicalId, properties, previousProperties }, env) {
    const text = await definition(logicalId, properties, env);
    await call({ logicalId, typeName }, 'DefinitionString', 'UpdateStateMachine', () =>
      env.clients.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: physicalId, definition: text, roleArn: properties.RoleArn as string, ...options(properties) })),
    );
    if (changed('Tags', previousProperties, properties)) {
      const { set, removed } = tagChanges(previousProperties.Tags, properties.Tags);
      if (removed.length) await call({ logicalId, typeName }, 'Tags', 'UntagResource', () => env.clients.sfn.send(new UntagResourceCommand({ resourceArn: physicalId, tagKeys: removed })));
      if (set.length) await call({ logicalId, typeName }, 'Tags', 'TagResource', () => env.clients.sfn.send(new TagResourceCommand({ resourceArn: physicalId, tags: sfnTags(set) })));
    }
    return result(physicalId, env);
  },
  async delete({ logicalId, physicalId }, env) {
    await call({ logicalId, typeName }, undefined, 'DeleteStateMachine', () =>
      deleteIgnoringMissing(['StateMachineDoesNotExist'], () => env.clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: physicalId }))),
    );
  },
};

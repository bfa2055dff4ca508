import { AddTagsToResourceCommand, DeleteParameterCommand, PutParameterCommand, RemoveTagsFromResourceCommand } from '@aws-sdk/client-ssm';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, NativeProvider, Properties } from './provider';

const typeName = 'AWS::SSM::Parameter';

// AWS::SSM::Parameter's Tags are a mapping, not the usual list.
const tagMap = (value: unknown) => Object.entries((value ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value: String(Value) }));

function input(Name: string, properties: Properties) {
  return {
    Name,
    Type: properties.Type as any,
    Value: properties.Value as string,
    Description: properties.Description as string | undefined,
    AllowedPattern: properties.AllowedPattern as string | undefined,
    DataType: properties.DataType as string | undefined,
    Tier: properties.Tier as any,
  };
}

const attributes = (properties: Properties) => ({ Type: String(properties.Type), Value: String(properties.Value) });

export const ssmParameter: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const Name = (properties.Name as string | undefined) ?? physicalName(stackName, `CFN-${logicalId}`, { maxLength: 2048, withoutStack: true });
    // Overwrite false: a parameter of that name outside this stack is an error, not taken over.
    await call({ logicalId, typeName }, properties.Name ? 'Name' : 'Value', 'PutParameter', () =>
      env.clients.ssm.send(new PutParameterCommand({ ...input(Name, properties), Overwrite: false, ...(properties.Tags ? { Tags: tagMap(properties.Tags) } : {}) })),
    );
    return { physicalId: Name, attributes: attributes(properties) };
  },
  async update({ logicalId, physicalId: Name, properties, previousProperties: before }, env) {
    const r = { logicalId, typeName };
    if (['Type', 'Value', 'Description', 'AllowedPattern', 'DataType', 'Tier'].some((k) => changed(k, before, properties))) {
      await call(r, 'Value', 'PutParameter', () => env.clients.ssm.send(new PutParameterCommand({ ...input(Name, properties), Overwrite: true })));
    }
    if (changed('Tags', before, properties)) {
      const now = new Map(tagMap(properties.Tags).map((t) => [t.Key, t.Value]));
      const removed = tagMap(before.Tags).filter((t) => !now.has(t.Key)).map((t) => t.Key);
      if (removed.length) await call(r, 'Tags', 'RemoveTagsFromResource', () => env.clients.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: Name, TagKeys: removed })));
      if (now.size) await call(r, 'Tags', 'AddTagsToResource', () => env.clients.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: Name, Tags: tagMap(properties.Tags) })));
    }
    return { physicalId: Name, attributes: attributes(properties) };
  },
  async delete({ logicalId, physicalId: Name }, env) {
    await call({ logicalId, typeName }, undefined, 'DeleteParameter', () =>
      deleteIgnoringMissing(['ParameterNotFound'], () => env.clients.ssm.send(new DeleteParameterCommand({ Name }))),
    );
  },
};

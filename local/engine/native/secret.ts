import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetRandomPasswordCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, NativeEnvironment, NativeProvider, NativeResourceError, Properties } from './provider';
import { tagChanges, tagList } from './tags';

const typeName = 'AWS::SecretsManager::Secret';

interface Generate {
  readonly SecretStringTemplate?: string;
  readonly GenerateStringKey?: string;
  readonly PasswordLength?: number;
  readonly ExcludeCharacters?: string;
  readonly ExcludeLowercase?: boolean;
  readonly ExcludeNumbers?: boolean;
  readonly ExcludePunctuation?: boolean;
  readonly ExcludeUppercase?: boolean;
  readonly IncludeSpace?: boolean;
  readonly RequireEachIncludedType?: boolean;
}

/**
 * The secret's value: SecretString as given, or a password from Secrets Manager's own generator, placed under
 * GenerateStringKey in the SecretStringTemplate object when both are set (CloudFormation's rule: both or neither).
 */
async function secretValue(logicalId: string, properties: Properties, env: NativeEnvironment): Promise<string | undefined> {
  const generate = properties.GenerateSecretString as Generate | undefined;
  if (generate === undefined) return properties.SecretString as string | undefined;
  if (properties.SecretString !== undefined) throw new NativeResourceError(logicalId, typeName, 'GenerateSecretString', 'set SecretString or GenerateSecretString, not both');
  if ((generate.SecretStringTemplate === undefined) !== (generate.GenerateStringKey === undefined)) {
    const missing = generate.SecretStringTemplate === undefined ? 'SecretStringTemplate' : 'GenerateStringKey';
    throw new NativeResourceError(logicalId, typeName, `GenerateSecretString.${missing}`, 'SecretStringTemplate and GenerateStringKey go together');
  }
  let template: Record<string, unknown> | undefined;
  if (generate.SecretStringTemplate !== undefined) {
    try {
      template = JSON.parse(generate.SecretStringTemplate);
    } catch {
      template = undefined;
    }
    if (template === null || typeof template !== 'object' || Array.isArray(template)) {
      throw new NativeResourceError(logicalId, typeName, 'GenerateSecretString.SecretStringTemplate', 'must be the JSON text of an object');
    }
  }
  const { RandomPassword } = await call({ logicalId, typeName }, 'GenerateSecretString', 'GetRandomPassword', () =>
    env.clients.secretsManager.send(
      new GetRandomPasswordCommand({
        PasswordLength: generate.PasswordLength,
        ExcludeCharacters: generate.ExcludeCharacters,
        ExcludeLowercase: generate.ExcludeLowercase,
        ExcludeNumbers: generate.ExcludeNumbers,
        ExcludePunctuation: generate.ExcludePunctuation,
        ExcludeUppercase: generate.ExcludeUppercase,
        IncludeSpace: generate.IncludeSpace,
        RequireEachIncludedType: generate.RequireEachIncludedType,
      }),
    ),
  );
  return template ? JSON.stringify({ ...template, [generate.GenerateStringKey!]: RandomPassword }) : RandomPassword;
}

/** Ref and Id are the secret's ARN. The value is never returned: only references to it leave the provider. */
export const secret: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const Name = (properties.Name as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 256, withoutStack: true });
    const SecretString = await secretValue(logicalId, properties, env);
    const { ARN } = await call({ logicalId, typeName }, properties.Name ? 'Name' : undefined, 'CreateSecret', () =>
      env.clients.secretsManager.send(
        new CreateSecretCommand({
          Name,
          SecretString,
          Description: properties.Description as string | undefined,
          KmsKeyId: properties.KmsKeyId as string | undefined,
          ...(properties.Tags ? { Tags: tagList(properties.Tags) } : {}),
        }),
      ),
    );
    return { physicalId: ARN!, attributes: { Id: ARN! } };
  },
  async update({ logicalId, physicalId: SecretId, properties, previousProperties: before }, env) {
    const r = { logicalId, typeName };
    const sm = env.clients.secretsManager;
    if (changed('Description', before, properties) || changed('KmsKeyId', before, properties)) {
      await call(r, 'Description', 'UpdateSecret', () =>
        sm.send(new UpdateSecretCommand({ SecretId, Description: (properties.Description as string | undefined) ?? '', KmsKeyId: properties.KmsKeyId as string | undefined })),
      );
    }
    // A new value only when its source changed: an unrelated update must not rotate a generated password.
    if (changed('SecretString', before, properties) || changed('GenerateSecretString', before, properties)) {
      const SecretString = await secretValue(logicalId, properties, env);
      if (SecretString !== undefined) await call(r, 'SecretString', 'PutSecretValue', () => sm.send(new PutSecretValueCommand({ SecretId, SecretString })));
    }
    if (changed('Tags', before, properties)) {
      const { set, removed } = tagChanges(before.Tags, properties.Tags);
      if (removed.length) await call(r, 'Tags', 'UntagResource', () => sm.send(new UntagResourceCommand({ SecretId, TagKeys: removed })));
      if (set.length) await call(r, 'Tags', 'TagResource', () => sm.send(new TagResourceCommand({ SecretId, Tags: set })));
    }
    return { physicalId: SecretId, attributes: { Id: SecretId } };
  },
  async delete({ logicalId, physicalId: SecretId }, env) {
    // Without a recovery window, so a stack deployed again can reuse the name at once.
    await call({ logicalId, typeName }, undefined, 'DeleteSecret', () =>
      deleteIgnoringMissing(['ResourceNotFoundException'], () => env.clients.secretsManager.send(new DeleteSecretCommand({ SecretId, ForceDeleteWithoutRecovery: true }))),
    );
  },
};

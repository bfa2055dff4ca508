import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const secret = nativeProvider('AWS::SecretsManager::Secret');
const value = async (SecretId: string) => (await env.clients.secretsManager.send(new GetSecretValueCommand({ SecretId }))).SecretString!;

describe('AWS::SecretsManager::Secret', () => {
  test('GenerateSecretString puts a generated password under GenerateStringKey in the template; Ref and Id are the ARN and carry no value', async () => {
    const stack = stackName();
    const properties = {
      GenerateSecretString: { SecretStringTemplate: '{"username":"git-bot"}', GenerateStringKey: 'password', PasswordLength: 24, ExcludePunctuation: true },
    };
    const created = await secret.create({ stackName: stack, logicalId: 'GitToken', properties }, env);
    expect(created.physicalId).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:GitToken-[A-Z0-9]{13}-[A-Za-z0-9]{6}$/);
    expect(created.attributes).toEqual({ Id: created.physicalId });
    const stored = JSON.parse(await value(created.physicalId));
    expect(stored).toEqual({ username: 'git-bot', password: expect.stringMatching(/^[A-Za-z0-9]{24}$/) });
    expect(JSON.stringify(created)).not.toContain(stored.password);

    // An update that leaves the value's source alone keeps the generated password.
    await secret.update({ stackName: stack, logicalId: 'GitToken', physicalId: created.physicalId, properties: { ...properties, Description: 'bot' }, previousProperties: properties }, env);
    expect(JSON.parse(await value(created.physicalId)).password).toBe(stored.password);
    expect((await env.clients.secretsManager.send(new DescribeSecretCommand({ SecretId: created.physicalId }))).Description).toBe('bot');

    await secret.delete({ stackName: stack, logicalId: 'GitToken', physicalId: created.physicalId, properties }, env);
    await expect(value(created.physicalId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('a plain SecretString is stored and replaced on update', async () => {
    const stack = stackName();
    const before = { Name: `${stack}/token`, SecretString: 'one' };
    const { physicalId } = await secret.create({ stackName: stack, logicalId: 'Token', properties: before }, env);
    await secret.update({ stackName: stack, logicalId: 'Token', physicalId, properties: { ...before, SecretString: 'two' }, previousProperties: before }, env);
    expect(await value(physicalId)).toBe('two');
    await secret.delete({ stackName: stack, logicalId: 'Token', physicalId, properties: before }, env);
    // Deleted without a recovery window: the name is free again at once.
    const again = await secret.create({ stackName: stack, logicalId: 'Token', properties: before }, env);
    await secret.delete({ stackName: stack, logicalId: 'Token', physicalId: again.physicalId, properties: before }, env);
  });

  test('SecretStringTemplate without GenerateStringKey, a template that is not an object, or both value sources are refused naming the property', async () => {
    const create = (properties: Record<string, unknown>) => secret.create({ stackName: stackName(), logicalId: 'Bad', properties }, env);
    await expect(create({ GenerateSecretString: { SecretStringTemplate: '{}' } })).rejects.toThrow(
      'Bad (AWS::SecretsManager::Secret): GenerateSecretString.GenerateStringKey: SecretStringTemplate and GenerateStringKey go together',
    );
    await expect(create({ GenerateSecretString: { SecretStringTemplate: '[1]', GenerateStringKey: 'k' } })).rejects.toThrow(
      'Bad (AWS::SecretsManager::Secret): GenerateSecretString.SecretStringTemplate: must be the JSON text of an object',
    );
    await expect(create({ SecretString: 'x', GenerateSecretString: {} })).rejects.toThrow(
      'Bad (AWS::SecretsManager::Secret): GenerateSecretString: set SecretString or GenerateSecretString, not both',
    );
  });
});

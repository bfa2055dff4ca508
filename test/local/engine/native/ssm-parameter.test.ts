import { GetParameterCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ssm';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';

const env = nativeEnvironment();
const parameter = nativeProvider('AWS::SSM::Parameter');
const ssm = env.clients.ssm;

describe('AWS::SSM::Parameter', () => {
  test('Ref is the generated name; Type and Value are attributes; update overwrites the value and the tag mapping', async () => {
    const stack = stackName();
    const before = { Type: 'String', Value: 'resnet-v1', Tags: { team: 'ml', stage: 'dev' } };
    const created = await parameter.create({ stackName: stack, logicalId: 'ModelVersion', properties: before }, env);
    expect(created.physicalId).toMatch(/^CFN-ModelVersion-[A-Z0-9]{13}$/);
    expect(created.attributes).toEqual({ Type: 'String', Value: 'resnet-v1' });

    const after = { Type: 'String', Value: 'resnet-v2', Tags: { team: 'research' } };
    const updated = await parameter.update({ stackName: stack, logicalId: 'ModelVersion', physicalId: created.physicalId, properties: after, previousProperties: before }, env);
    expect(updated).toEqual({ physicalId: created.physicalId, attributes: { Type: 'String', Value: 'resnet-v2' } });
    expect((await ssm.send(new GetParameterCommand({ Name: created.physicalId }))).Parameter?.Value).toBe('resnet-v2');
    const tags = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: created.physicalId }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'research' }]);

    await parameter.delete({ stackName: stack, logicalId: 'ModelVersion', physicalId: created.physicalId, properties: after }, env);
    await expect(ssm.send(new GetParameterCommand({ Name: created.physicalId }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
    await expect(parameter.delete({ stackName: stack, logicalId: 'ModelVersion', physicalId: created.physicalId, properties: after }, env)).resolves.toBeUndefined();
  });

  test('a Name another parameter holds is not taken over: the error names Name and SSM error', async () => {
    const stack = stackName();
    const properties = { Name: `/${stack}/taken`, Type: 'String', Value: 'a' };
    await parameter.create({ stackName: stack, logicalId: 'A', properties }, env);
    await expect(parameter.create({ stackName: stack, logicalId: 'B', properties: { ...properties, Value: 'b' } }, env)).rejects.toThrow(
      /^B \(AWS::SSM::Parameter\): Name: PutParameter: ParameterAlreadyExists: /,
    );
    expect((await ssm.send(new GetParameterCommand({ Name: properties.Name }))).Parameter?.Value).toBe('a');
    await parameter.delete({ stackName: stack, logicalId: 'A', physicalId: properties.Name, properties }, env);
  });
});

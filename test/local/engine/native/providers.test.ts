import { NATIVE_PROVIDERS, nativeProvider } from '../../../../local/engine/native';
import { NATIVE_TYPES } from '../../../../local/engine/types/native-types';

describe('native providers', () => {
  test('there is one provider for each native type the catalog accepts, and none for a type it does not', () => {
    expect([...NATIVE_PROVIDERS.keys()].sort()).toEqual(NATIVE_TYPES.map((t) => t.typeName).sort());
  });

  test('asking for an unsupported type names it and the supported ones', () => {
    expect(() => nativeProvider('AWS::EC2::Instance')).toThrow(/^AWS::EC2::Instance is not a native type the engine supports \(it supports AWS::S3::Bucket, .*AWS::CDK::Metadata\)$/);
  });

  test('an update that changes a create-only property is refused naming it, before any service call', async () => {
    const update = nativeProvider('AWS::S3::Bucket').update(
      { stackName: 's', logicalId: 'Data', physicalId: 'a', properties: { BucketName: 'b' }, previousProperties: { BucketName: 'a' } },
      undefined as never,
    );
    await expect(update).rejects.toThrow('Data (AWS::S3::Bucket): BucketName: is create-only: changing it replaces the resource, it cannot be updated in place');
  });

  test('AWS::CDK::Metadata creates nothing and has an id', async () => {
    const provider = nativeProvider('AWS::CDK::Metadata');
    // No environment: a service call would throw on the undefined clients.
    const created = await provider.create({ stackName: 's', logicalId: 'CDKMetadata', properties: { Analytics: 'v2:deflate64:abc' } }, undefined as never);
    expect(created.physicalId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(provider.delete({ stackName: 's', logicalId: 'CDKMetadata', physicalId: created.physicalId, properties: {} }, undefined as never)).resolves.toBeUndefined();
  });
});

import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { CfnDriver } from '../../local/protocol';
import { entrypoint } from '../../resource-types/s3-metadata-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/s3-metadata-reader/src/models';
import { bucket, putObject, s3 } from '../support/s3-objects';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });

describe('Orch::S3::MetadataReader', () => {
  test('create exposes the user metadata and the system metadata as attributes', async () => {
    const b = await bucket();
    const { eTag } = await putObject(b, 'models/resnet.tar.gz', 'twenty bytes of data', {
      ContentType: 'application/gzip',
      Metadata: { Commit: '0123abc', 'trained-by': 'pipeline' },
    });
    const result = await driver().create('Model', { Bucket: b, Key: 'models/resnet.tar.gz' });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({
      Bucket: b,
      Key: 'models/resnet.tar.gz',
      // S3 keeps user metadata keys in lower case: Fn::GetAtt [Model, Metadata.commit]
      Metadata: { commit: '0123abc', 'trained-by': 'pipeline' },
      ContentType: 'application/gzip',
      ContentLength: '20',
      ETag: eTag,
      ObjectVersionId: '',
      Source: 'Object',
    });
    expect(result.model!.Id).toMatch(/^Model-[0-9a-f]{24}$/);
    expect(new Date(result.model!.LastModified as string).toISOString()).toBe(result.model!.LastModified);
  });

  describe('Expose and Outputs', () => {
    test('names user-metadata keys whatever their case, Defaults included, one level down', async () => {
      const b = await bucket();
      await putObject(b, 'model.bin', 'x', { Metadata: { Commit: '0123abc', 'trained-by': 'pipeline' } });
      const result = await driver().create('Exposed', {
        Bucket: b,
        Key: 'model.bin',
        Defaults: { Owner: 'nobody' },
        Expose: { Commit: 'Commit', TrainedBy: 'TRAINED-BY', Owner: 'owner' },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(result.model!.Outputs).toEqual({ Commit: '0123abc', TrainedBy: 'pipeline', Owner: 'nobody' });
    });

    test('a key the metadata lacks is InvalidRequest naming Expose.<name>, the key and the object', async () => {
      const b = await bucket();
      await putObject(b, 'model.bin', 'x', { Metadata: { commit: '0123abc' } });
      const d = driver();
      const result = await d.create('NoOwner', { Bucket: b, Key: 'model.bin', Expose: { Commit: 'commit', Owner: 'owner' } });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toBe(`Expose.Owner: no key 'owner' in the user metadata of object 'model.bin' in bucket '${b}'`);
      expect((await d.list()).models!.filter((m) => m.Bucket === b)).toEqual([]);
    });

    test('system metadata is not a key of Expose: it has its own attributes', async () => {
      const b = await bucket();
      await putObject(b, 'model.bin', 'x', { ContentType: 'application/gzip' });
      const result = await driver().create('NoSystem', { Bucket: b, Key: 'model.bin', Expose: { Type: 'ContentType' } });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toBe(`Expose.Type: no key 'ContentType' in the user metadata of object 'model.bin' in bucket '${b}'`);
    });
  });

  test('VersionId reads that version of an object in a versioned bucket', async () => {
    const b = await bucket({ versioned: true });
    const first = await putObject(b, 'm.bin', 'one', { Metadata: { stage: 'one' } });
    const second = await putObject(b, 'm.bin', 'two!', { Metadata: { stage: 'two' } });
    const d = driver();

    const pinned = await d.create('Pinned', { Bucket: b, Key: 'm.bin', VersionId: first.versionId });
    expect(pinned.model).toMatchObject({ Metadata: { stage: 'one' }, ContentLength: '3', ObjectVersionId: first.versionId, ETag: first.eTag });
    const latest = await d.create('Latest', { Bucket: b, Key: 'm.bin' });
    expect(latest.model).toMatchObject({ Metadata: { stage: 'two' }, ContentLength: '4', ObjectVersionId: second.versionId, ETag: second.eTag });
  });

  test('a missing object without Defaults is NotFound naming the bucket and the key', async () => {
    const b = await bucket();
    const result = await driver().create('Missing', { Bucket: b, Key: 'not/yet.bin' });
    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('NotFound');
    expect(result.message).toContain(`bucket '${b}'`);
    expect(result.message).toContain("object 'not/yet.bin'");
  });

  test('a missing object with Defaults succeeds with the default metadata, in lower case as S3 keeps it', async () => {
    const b = await bucket();
    const result = await driver().create('FirstDeploy', { Bucket: b, Key: 'not/yet.bin', Defaults: { Commit: 'none' } });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({
      Metadata: { commit: 'none' },
      Source: 'Defaults',
      ContentType: '',
      ContentLength: '',
      ETag: '',
      ObjectVersionId: '',
      LastModified: '',
    });
  });

  test('a bucket that does not exist is NotFound naming it, even with Defaults', async () => {
    const missing = `orch-no-such-${Date.now()}`;
    const result = await driver().create('NoBucket', { Bucket: missing, Key: 'm.bin', Defaults: { commit: 'none' } });
    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('NotFound');
    expect(result.message).toContain(`Bucket: bucket '${missing}' does not exist`);
  });

  test('Defaults fill the keys the object lacks; the object wins where it has a value', async () => {
    const b = await bucket();
    await putObject(b, 'm.bin', 'x', { Metadata: { commit: 'real' } });
    const result = await driver().create('Partial', { Bucket: b, Key: 'm.bin', Defaults: { commit: 'none', owner: 'nobody' } });
    expect(result.model).toMatchObject({ Metadata: { commit: 'real', owner: 'nobody' }, Source: 'Object' });
  });

  test('update reads again; read returns the stored record after the object is deleted; NotFound after delete', async () => {
    const b = await bucket();
    await putObject(b, 'm.bin', 'one', { Metadata: { stage: 'one' } });
    const d = driver();
    const props = { Bucket: b, Key: 'm.bin' };
    const created = await d.create('Life', props);
    await putObject(b, 'm.bin', 'two', { Metadata: { stage: 'two' } });

    const updated = await d.update('Life', created.model!, props, { ...props, RunToken: '2' });
    expect(updated.status).toBe('SUCCESS');
    expect(updated.model!.Metadata).toEqual({ stage: 'two' });
    expect(updated.model!.ETag).not.toBe(created.model!.ETag);

    await s3().send(new DeleteObjectCommand({ Bucket: b, Key: 'm.bin' }));
    const read = await d.read('Life', updated.model!);
    expect(read.model).toEqual(updated.model);

    expect((await d.delete('Life', updated.model!)).status).toBe('SUCCESS');
    for (const after of [await d.read('Life', updated.model!), await d.update('Life', updated.model!, props, { ...props, RunToken: '3' }), await d.delete('Life', updated.model!)]) {
      expect(after.errorCode).toBe('NotFound');
      expect(after.message).toContain(created.model!.Id as string);
    }
  });

  describe('bad input', () => {
    test('a malformed bucket name is InvalidRequest naming Bucket', async () => {
      const result = await driver().create('Bad', { Bucket: 'Not A Bucket!', Key: 'k' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Bucket');
    });

    test('a default that is not a string is InvalidRequest naming it', async () => {
      const result = await driver().create('BadDefault', { Bucket: 'some-bucket', Key: 'k', Defaults: { stage: { nested: true } } });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Defaults.stage');
    });
  });
});

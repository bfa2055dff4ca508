import { CfnDriver } from '../../local/protocol';
import schema from '../../resource-types/s3-metadata-reader/orch-s3-metadatareader.json';
import { entrypoint } from '../../resource-types/s3-metadata-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/s3-metadata-reader/src/models';
import { expectExactPermissions, recordPermissions } from '../support/permission-recorder';
import { bucket, putObject } from '../support/s3-objects';

/** Declared but not called as such, with the reason. */
const UNEXERCISED: Record<string, string[]> = {
  // s3:ListBucket is what HeadBucket needs, called after a missing object's bare 404 (create drives that path); it
  // also lets S3 answer a missing key with 404 (so Defaults apply) instead of 403.
  // ssm:GetParameters reads records over 4 KB, which are split over several parameters.
  create: ['ssm:GetParameters'],
  update: ['s3:ListBucket', 'ssm:GetParameters'],
  read: ['ssm:GetParameters'],
  list: ['ssm:GetParameters'],
  delete: ['ssm:GetParameters'],
};

test('each handler calls exactly the permissions its schema declares', async () => {
  const recorder = recordPermissions();
  try {
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });
    const b = await bucket({ versioned: true });
    const { versionId } = await putObject(b, 'm.bin', 'x', { Metadata: { stage: 'one' } });
    const props = { Bucket: b, Key: 'm.bin' };

    const created = await recorder.during('create', () => d.create('Perm', props));
    await recorder.during('create', () => d.create('PermMissing', { Bucket: b, Key: 'missing.bin', Defaults: { stage: 'none' } }));
    await recorder.during('create', () => d.create('PermVersion', { ...props, VersionId: versionId }));
    await recorder.during('read', () => d.read('Perm', created.model!));
    await recorder.during('list', () => d.list());
    const pinned = await recorder.during('update', () => d.update('Perm', created.model!, props, { ...props, VersionId: versionId }));
    await recorder.during('update', () => d.update('Perm', pinned.model!, { ...props, VersionId: versionId }, { ...props, RunToken: '2' }));
    await recorder.during('delete', () => d.delete('Perm', created.model!));

    expectExactPermissions(recorder.calls, schema, UNEXERCISED);
  } finally {
    recorder.restore();
  }
});

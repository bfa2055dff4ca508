import { Readable } from 'node:stream';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { headObject, objectAttributes, objectNotFound, ObjectProperties, readAtMost, readJsonObject } from '../../runtime/s3-object';
import { bucket, putObject, s3 } from '../support/s3-objects';

/** A caller's property names: the runtime's messages name these, not the readers' own. */
const names: ObjectProperties = { bucket: 'Source.Bucket', key: 'Source.Key', versionId: 'Source.Version', defaults: 'Source.Defaults', accessAdvice: 'Grant it.' };

describe('readAtMost', () => {
  test('returns every byte of a stream within the limit', async () => {
    expect((await readAtMost(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4))?.toString()).toBe('abcd');
  });

  test('stops at the first chunk past the limit and destroys the stream', async () => {
    let pulled = 0;
    const stream = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(10));
      },
    });
    expect(await readAtMost(stream, 25)).toBeUndefined();
    expect(stream.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

describe('objectAttributes', () => {
  test('an object read gives its head; defaults give empty values, so Fn::GetAtt always resolves', () => {
    expect(objectAttributes({ eTag: 'e', versionId: 'v', lastModified: '2026-01-01T00:00:00.000Z', metadata: {} })).toEqual({
      ETag: 'e',
      ObjectVersionId: 'v',
      LastModified: '2026-01-01T00:00:00.000Z',
      Source: 'Object',
    });
    expect(objectAttributes(undefined)).toEqual({ ETag: '', ObjectVersionId: '', LastModified: '', Source: 'Defaults' });
  });
});

describe('against the local S3', () => {
  test('a missing object is undefined, not an error, for both reads', async () => {
    const b = await bucket();
    expect(await headObject(s3(), { bucket: b, key: 'nope' }, names)).toBeUndefined();
    expect(await readJsonObject(s3(), { bucket: b, key: 'nope' }, names)).toBeUndefined();
  });

  test('the head comes without the quotes S3 puts around the ETag', async () => {
    const b = await bucket();
    const { eTag } = await putObject(b, 'k.json', { a: 1 }, { Metadata: { Owner: 'me' } });
    const read = await readJsonObject(s3(), { bucket: b, key: 'k.json' }, names);
    expect(read?.document).toEqual({ a: 1 });
    expect(read?.head).toMatchObject({ eTag, contentType: 'application/json', contentLength: 7, metadata: { owner: 'me' } });
    expect(eTag).not.toContain('"');
  });

  test('errors name the caller\'s properties', async () => {
    const b = await bucket();
    await putObject(b, 'page.html', '<html>');
    await expect(readJsonObject(s3(), { bucket: b, key: 'page.html' }, names)).rejects.toMatchObject({
      errorCode: HandlerErrorCode.InvalidRequest,
      message: expect.stringMatching(/^Source\.Key: object 'page\.html' in bucket '.*' does not hold JSON/),
    });
    await expect(headObject(s3(), { bucket: `${b}-absent`, key: 'k' }, names)).rejects.toMatchObject({
      errorCode: HandlerErrorCode.NotFound,
      message: expect.stringMatching(/^Source\.Bucket: bucket '.*-absent' does not exist/),
    });
  });

  test('a byte order mark before the JSON is accepted', async () => {
    const b = await bucket();
    await putObject(b, 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
    expect((await readJsonObject(s3(), { bucket: b, key: 'bom.json' }, names))?.document).toEqual({ a: 1 });
  });

  test('the limit applies to what S3 says it will send, before reading the body', async () => {
    const b = await bucket();
    await putObject(b, 'k.json', '{"a":"0123456789"}');
    await expect(readJsonObject(s3(), { bucket: b, key: 'k.json' }, names, 10)).rejects.toMatchObject({ errorCode: HandlerErrorCode.InvalidRequest });
    expect((await readJsonObject(s3(), { bucket: b, key: 'k.json' }, names, 18))?.document).toEqual({ a: '0123456789' });
  });
});

test('objectNotFound names the bucket, the key and the version', () => {
  const err = objectNotFound({ bucket: 'b', key: 'k', versionId: 'v1' }, names) as Error & { errorCode: string };
  expect(err.errorCode).toBe(HandlerErrorCode.NotFound);
  expect(err.message).toBe("Source.Key: object 'k' (version 'v1') in bucket 'b' was not found; set Source.Defaults to deploy before it is written");
});

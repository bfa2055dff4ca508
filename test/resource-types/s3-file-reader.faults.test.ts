import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { CfnDriver } from '../../local/protocol';
import { MAX_JSON_OBJECT_BYTES } from '../../runtime/s3-object';
import { entrypoint } from '../../resource-types/s3-file-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/s3-file-reader/src/models';

/**
 * Faults moto cannot produce, injected with aws-sdk-client-mock under the real production entrypoint.
 * S3 is mocked; the task records still go to the local moto.
 */

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });

/** Shaped as SDK v3 deserialises a service error. */
const s3Error = (name: string, fault: 'client' | 'server', status: number, message: string) =>
  new S3ServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message });

describe('Orch::S3::FileReader under injected faults', () => {
  let s3: AwsStub<any, any, any>;

  beforeEach(() => {
    s3 = mockClient(S3Client);
  });

  afterEach(() => {
    s3.restore();
  });

  test('GetObject denied on a bucket shared by another account (AccessDenied 403) fails with AccessDenied naming the bucket', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('AccessDenied', 'client', 403, 'Access Denied'));

    const result = await driver().create('CrossAccount', { Bucket: 'shared-by-account-b', Key: 'exports/result.json', Defaults: {} });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toContain("bucket 'shared-by-account-b'");
    expect(result.message).toContain("object 'exports/result.json'");
    expect(result.message).toContain('bucket policy');
    expect((await driver().list()).models!.filter((m) => m.Bucket === 'shared-by-account-b')).toEqual([]);
  });

  test('GetObject throttled (SlowDown 503) fails with Throttling', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('SlowDown', 'server', 503, 'Please reduce your request rate.'));

    const result = await driver().create('Throttled', { Bucket: 'busy-bucket', Key: 'k.json' });

    expect(result.errorCode).toBe('Throttling');
    expect(result.message).toContain("object 'k.json' in bucket 'busy-bucket'");
  });

  test('an object sent without Content-Length is abandoned once past the read limit, not read to its end', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20); // JSON whitespace, so only the size can fail it
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(sent > 50 * MAX_JSON_OBJECT_BYTES ? null : chunk);
      },
    });
    s3.on(GetObjectCommand).resolves({ Body: endless as any, ETag: '"e"' });

    const result = await driver().create('Chunked', { Bucket: 'some-bucket', Key: 'stream.json' });

    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toContain('larger than 10 MB');
    expect(sent).toBeLessThan(MAX_JSON_OBJECT_BYTES + 1024 * 1024);
    expect(endless.destroyed).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_AWS } from '../../local/local-aws';

// The endpoint comes from AWS_ENDPOINT_URL, which the global setup points at moto.
export const s3 = () => new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

/** A new bucket on the local AWS, with versioning when asked. */
export async function bucket(options: { versioned?: boolean } = {}): Promise<string> {
  const name = `orch-test-${randomUUID().slice(0, 13)}`;
  await s3().send(new CreateBucketCommand({ Bucket: name }));
  if (options.versioned) {
    await s3().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return name;
}

/** Puts an object (a value other than a string or bytes is written as JSON) and returns its ETag and version. */
export async function putObject(
  Bucket: string,
  Key: string,
  body: unknown,
  extra: Partial<PutObjectCommandInput> = {},
): Promise<{ eTag: string; versionId?: string }> {
  const Body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await s3().send(new PutObjectCommand({ Bucket, Key, Body, ContentType: 'application/json', ...extra }));
  return { eTag: res.ETag!.replace(/"/g, ''), versionId: res.VersionId };
}

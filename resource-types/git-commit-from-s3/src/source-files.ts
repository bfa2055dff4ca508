import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describeLocation, invalidRequest, mapAwsError } from '../../../runtime';

/** One object under the prefix, and where it goes below the target directory. */
export interface SourceFile {
  readonly key: string;
  /** The key below the prefix, '/'-separated. */
  readonly path: string;
  readonly size: number;
}

/** The most one publication carries. */
export interface SourceLimits {
  readonly files: number;
  readonly bytes: number;
}

/**
 * The whole commit is packed and pushed by one handler invocation: a push is one pack, and nothing a handler writes
 * to local disk survives to the next invocation. `npm run bench` measured the handler at 11.7 s and 314 MiB peak
 * for 49 MiB, and 21.8 s and 439 MiB for 98 MiB (memory grows about 2.5x the content, mostly the pack isomorphic-git
 * builds in memory): 100 MiB keeps a publication inside the 60-second budget and a 512-MB function.
 */
export const SOURCE_LIMITS: SourceLimits = { files: 10_000, bytes: 100 * 1024 * 1024 };

/** A prefix names a folder: `releases/42` reads as `releases/42/`, so it never matches `releases/420/`. */
export function folderPrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** Every object under the prefix, checked against the limits and for paths git cannot hold. */
export async function listSource(s3: S3Client, bucket: string, prefix: string, limits: SourceLimits = SOURCE_LIMITS): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  let total = 0;
  let token: string | undefined;
  do {
    let page;
    try {
      page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    } catch (err) {
      throw mapAwsError(err, { property: 'Bucket', resource: `bucket '${bucket}'` });
    }
    for (const object of page.Contents ?? []) {
      const key = object.Key!;
      // S3 consoles write zero-byte "folder" keys ending in '/': git has no empty directories.
      if (key.endsWith('/')) continue;
      const path = key.slice(prefix.length);
      checkPath(path, `Prefix: object '${key}'`);
      total += object.Size ?? 0;
      files.push({ key, path, size: object.Size ?? 0 });
    }
    if (files.length > limits.files || total > limits.bytes) {
      throw invalidRequest(
        `Prefix: s3://${bucket}/${prefix} holds more than ${limits.files} files or ${(limits.bytes / 1024 / 1024).toFixed(0)} MiB, ` +
          'more than one commit may carry; split it over several CommitFromS3 resources with narrower prefixes and target directories',
      );
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  if (files.length === 0) {
    // Mirroring nothing would empty the target directory: a pipeline that wrote nothing must not erase a release.
    throw invalidRequest(`Prefix: there are no objects under s3://${bucket}/${prefix}`);
  }
  return files;
}

export async function readSourceFile(s3: S3Client, bucket: string, file: SourceFile): Promise<Uint8Array> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: file.key }));
    return await res.Body!.transformToByteArray();
  } catch (err) {
    throw mapAwsError(err, { property: 'Prefix', resource: describeLocation({ bucket, key: file.key }) });
  }
}

/** A '/'-separated path git can store and that stays inside the directory it is written to. */
export function checkPath(path: string, what: string): void {
  const bad = path.split('/').find((segment) => segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git' || segment.includes('\0'));
  if (bad !== undefined) {
    throw invalidRequest(`${what}: its path '${path}' has a segment ('${bad}') git cannot hold or that leaves its directory`);
  }
}

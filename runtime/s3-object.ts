import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mapAwsError, SCOPE_ADVICE } from './error-map';
import { AccessDeniedError, invalidRequest, NotFoundError } from './errors';

/**
 * Reading one S3 object for a resource: its system and user metadata, or its content as JSON, with the errors
 * a template author can act on, naming the caller's properties. A missing object is not an error here (the caller
 * may have defaults for it).
 */

/** The caller's names for what its errors are about: the schema properties holding the location, and what to do about a refusal. */
export interface ObjectProperties {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  /** The property whose stand-in values let a deployment go on before the object is written. */
  readonly defaults: string;
  /** Appended to an AccessDenied message: what the bucket's owner must grant. */
  readonly accessAdvice: string;
}

/** What a bucket's owner in another account must grant a type that reads an object (GetObject or HeadObject). */
export const CROSS_ACCOUNT_READ_ADVICE =
  "A bucket in another account must grant this type's execution role s3:GetObject (s3:GetObjectVersion for VersionId) " +
  'and s3:ListBucket in its bucket policy, and an SSE-KMS key must allow it kms:Decrypt';

/** NotFound for an object that does not exist and has no stand-in, naming the caller's key and defaults properties. */
export function objectNotFound(location: S3Location, names: ObjectProperties): NotFoundError {
  return new NotFoundError(`${names.key}: ${describeLocation(location)} was not found; set ${names.defaults} to deploy before it is written`);
}

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
  /** A specific version; the latest when absent. */
  readonly versionId?: string;
}

/** What S3 says about an object besides its content. */
export interface ObjectHead {
  /** Without the quotes S3 puts around it. */
  readonly eTag: string;
  readonly versionId?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  readonly contentType?: string;
  readonly contentLength?: number;
  /** User metadata, keys in lower case as S3 returns them. */
  readonly metadata: Record<string, string>;
}

/**
 * The largest object read as JSON: read as a stream and abandoned once past it, so a handler never holds more.
 * What is kept of it must still fit a task record (about 250 KB compressed), which OutputPaths makes possible.
 */
export const MAX_JSON_OBJECT_BYTES = 10 * 1024 * 1024;

export function describeLocation(location: S3Location): string {
  const version = location.versionId ? ` (version '${location.versionId}')` : '';
  return `object '${location.key}'${version} in bucket '${location.bucket}'`;
}

/** The object's head, or undefined when the object (or that version) does not exist. */
export async function headObject(s3: S3Client, location: S3Location, names: ObjectProperties): Promise<ObjectHead | undefined> {
  try {
    const res = await s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId }));
    return headOf(res);
  } catch (err) {
    if (!isMissing(err)) throw s3Error(err, location, names);
    // HeadObject's 404 has no body, so it cannot say whether the key or the whole bucket is missing; HeadBucket can.
    if ((err as Error).name === 'NotFound' && !(await bucketExists(s3, location.bucket))) throw s3Error({ name: 'NoSuchBucket' }, location, names);
    return undefined;
  }
}

/** False only when S3 says the bucket does not exist; a refusal leaves it to the object's own answer. */
async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (err) {
    return !['NotFound', 'NoSuchBucket'].includes((err as Error).name);
  }
}

/**
 * The object's content parsed as JSON, with its head; undefined when the object (or that version) does not exist.
 * An object larger than `maxBytes`, or one that does not hold JSON, is InvalidRequest.
 */
export async function readJsonObject(
  s3: S3Client,
  location: S3Location,
  names: ObjectProperties,
  maxBytes = MAX_JSON_OBJECT_BYTES,
): Promise<{ head: ObjectHead; document: unknown } | undefined> {
  let res;
  try {
    res = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId }));
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw s3Error(err, location, names);
  }
  const body = res.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  const tooLarge = () =>
    invalidRequest(
      `${names.key}: ${describeLocation(location)} is larger than ${formatBytes(maxBytes)}, the most read as JSON; ` +
        'split the document or read a smaller summary of it',
    );
  if ((res.ContentLength ?? 0) > maxBytes) {
    body?.destroy?.();
    throw tooLarge();
  }
  let bytes: Buffer | undefined;
  try {
    bytes = body ? await readAtMost(body, maxBytes) : Buffer.alloc(0);
  } catch (err) {
    throw mapAwsError(err, { property: names.key, resource: describeLocation(location) });
  }
  if (bytes === undefined) throw tooLarge();
  let document: unknown;
  try {
    // Not the parser's message: it quotes the content, which may not belong in stack events.
    document = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    const type = res.ContentType ? `, Content-Type '${res.ContentType}'` : '';
    throw invalidRequest(`${names.key}: ${describeLocation(location)} does not hold JSON (${formatBytes(bytes.length)}${type})`);
  }
  return { head: headOf(res), document };
}

/**
 * A stream's bytes, or undefined as soon as it has given more than `maxBytes`: the rest is never read. Leaving
 * the loop early destroys the stream, which closes the connection instead of draining it.
 */
export async function readAtMost(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += chunk.length;
    if (length > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/**
 * Attributes about the object read: its head, or empty values when defaults stood in for it (`Source` says
 * which), so that Fn::GetAtt on them always resolves.
 */
export function objectAttributes(head: ObjectHead | undefined): { ETag: string; ObjectVersionId: string; LastModified: string; Source: 'Object' | 'Defaults' } {
  return {
    ETag: head?.eTag ?? '',
    ObjectVersionId: head?.versionId ?? '',
    LastModified: head?.lastModified ?? '',
    Source: head ? 'Object' : 'Defaults',
  };
}

/**
 * HeadObject answers a missing object with a bare 404 (NotFound); GetObject names what is missing. A version that
 * is a delete marker is answered 405 (MethodNotAllowed): the object was deleted at that version.
 */
function isMissing(err: unknown): boolean {
  return ['NoSuchKey', 'NoSuchVersion', 'NotFound', 'MethodNotAllowed'].includes((err as Error).name);
}

function s3Error(err: unknown, location: S3Location, names: ObjectProperties): Error {
  const name = (err as Error).name;
  if (name === 'NoSuchBucket') {
    return new NotFoundError(`${names.bucket}: bucket '${location.bucket}' does not exist (reading '${location.key}')`, err);
  }
  // A malformed version id is InvalidArgument to GetObject and a bare 400 (BadRequest) to HeadObject.
  const aboutVersion = location.versionId !== undefined && /Argument|Version|BadRequest/.test(name);
  const mapped = mapAwsError(err, { property: aboutVersion ? names.versionId : names.key, resource: describeLocation(location) });
  if (mapped.errorCode === HandlerErrorCode.AccessDenied) {
    return new AccessDeniedError(`${names.bucket}: access denied reading ${describeLocation(location)} (${name}). ${names.accessAdvice}; in this account, ${SCOPE_ADVICE}`, err);
  }
  return mapped;
}

function headOf(res: {
  ETag?: string;
  VersionId?: string;
  LastModified?: Date;
  ContentType?: string;
  ContentLength?: number;
  Metadata?: Record<string, string>;
}): ObjectHead {
  return {
    eTag: (res.ETag ?? '').replace(/^(W\/)?"(.*)"$/, '$2'),
    versionId: res.VersionId,
    lastModified: res.LastModified?.toISOString(),
    contentType: res.ContentType,
    contentLength: res.ContentLength,
    metadata: { ...(res.Metadata ?? {}) },
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

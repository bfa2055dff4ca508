import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ExposedOutputs, RequestKind } from './private/exposed-outputs';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';
import { CfnS3MetadataReader } from './s3-metadata-reader.generated';

/** A user-metadata key as the schema takes it in Expose and Defaults (an HTTP header token, without x-amz-meta-). */
const METADATA_KEY = /^[A-Za-z0-9!#$%&'*+.^_|~-]{1,128}$/;

const METADATA_KEY_REQUEST: RequestKind = {
  method: 'metadata',
  what: 'a metadata key',
  plural: 'metadata keys',
  invalid: (key) => (METADATA_KEY.test(key) ? undefined : `a user-metadata key (without x-amz-meta-) matches ${METADATA_KEY.source}`),
};

/** Properties of an S3MetadataReader. */
export interface S3MetadataReaderProps {
  /**
   * The bucket that holds the object.
   *
   * The object's metadata is read with the type's execution role, which the account admin set at registration, not
   * with the stack's: this construct grants nothing, and the admin allows the bucket (and prefix) through the
   * registration scopes. A bucket of another account must also allow that role in its bucket policy.
   */
  readonly bucket: s3.IBucket;

  /** Key of the object. */
  readonly key: string;

  /**
   * Version of the object to read.
   *
   * @default the latest version
   */
  readonly versionId?: string;

  /**
   * User metadata that stands in while the object does not exist, and fills keys the object lacks (keys match in
   * any case, as S3 keeps them in lower case).
   *
   * @default - a missing object fails the resource
   */
  readonly defaults?: { [key: string]: string };

  /**
   * Read the metadata again on every deployment: each synth writes a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change reads the metadata again (an asset hash, a version string).
   *
   * Values known at synth become a digest, so the same values write the same RunToken; a token among them makes
   * the RunToken the values joined at deploy, which must stay within 256 characters.
   *
   * @default - the metadata is read again only when a property changes
   */
  readonly rerunOn?: string[];
}

/**
 * Reads an S3 object's metadata into the template (`Orch::S3::MetadataReader`): `metadata(key)` returns one
 * user-metadata value as a token, and the system metadata has attributes of its own.
 */
export class S3MetadataReader extends Construct {
  /** The resource's id, also its Ref. */
  public readonly readerId: string;

  /** Content-Type of the object; empty when `defaults` stood in for a missing object. */
  public readonly contentType: string;

  /** Size of the object in bytes, as a decimal string; empty when `defaults` stood in. */
  public readonly contentLength: string;

  /** Entity tag of the object, without quotes; empty when `defaults` stood in. */
  public readonly etag: string;

  /** Version of the object read; empty on a bucket without versioning or when `defaults` stood in. */
  public readonly objectVersionId: string;

  /** When the object was last modified (ISO 8601); empty when `defaults` stood in. */
  public readonly lastModified: string;

  /** Where the values came from: `Object`, or `Defaults` when the object does not exist. */
  public readonly source: string;

  private readonly outputs: ExposedOutputs;

  public constructor(scope: Construct, id: string, props: S3MetadataReaderProps) {
    super(scope, id);
    for (const key of Object.keys(props.defaults ?? {})) {
      if (Token.isUnresolved(key)) continue;
      const why = METADATA_KEY_REQUEST.invalid(key);
      if (why) throw new Error(`${this.node.path}: defaults key ${JSON.stringify(key)}: ${why}`);
    }
    const resource = new CfnS3MetadataReader(this, 'Resource', {
      bucket: props.bucket.bucketName,
      key: props.key,
      versionId: props.versionId,
      defaults: props.defaults,
      runToken: checkedRunToken(this, props, 'reads the metadata'),
    });
    this.outputs = new ExposedOutputs(this, resource, METADATA_KEY_REQUEST);
    this.readerId = resource.ref;
    this.contentType = resource.attrContentType;
    this.contentLength = resource.attrContentLength;
    this.etag = resource.attrETag;
    this.objectVersionId = resource.attrObjectVersionId;
    this.lastModified = resource.attrLastModified;
    this.source = resource.attrSource;
  }

  /**
   * The user-metadata value under `key` (without x-amz-meta-, in any case: S3 keeps keys in lower case), or its
   * stand-in from `defaults`, as a string token.
   *
   * The key goes into the resource's Expose at synth; a key neither the object nor `defaults` has fails the
   * deployment, naming it.
   *
   * @param key user-metadata key, such as `commit`
   */
  public metadata(key: string): string {
    return this.outputs.token(Token.isUnresolved(key) ? key : key.toLowerCase());
  }

  /**
   * Reads the metadata after every resource of `others` (such as the deployment that writes the object): DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): S3MetadataReader {
    executeAfter(this, others);
    return this;
  }

  /**
   * Runs every resource of `others` after this reader: DependsOn.
   *
   * @param others constructs whose resources wait for this reader
   */
  public executeBefore(...others: IConstruct[]): S3MetadataReader {
    executeBefore(this, others);
    return this;
  }
}

import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ExposedOutputs } from './private/exposed-outputs';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';
import { CfnS3FileReader } from './s3-file-reader.generated';

/** Properties of an S3FileReader. */
export interface S3FileReaderProps {
  /**
   * The bucket that holds the JSON document.
   *
   * The object is read with the type's execution role, which the account admin set at registration, not with the
   * stack's: this construct grants nothing, and the admin allows the bucket (and prefix) through the registration
   * scopes. A bucket of another account must also allow that role in its bucket policy.
   */
  readonly bucket: s3.IBucket;

  /** Key of the object, a JSON document. */
  readonly key: string;

  /**
   * Version of the object to read.
   *
   * @default the latest version
   */
  readonly versionId?: string;

  /**
   * A JSON document that stands in for the object while it does not exist, and fills values the object lacks
   * (objects are merged key by key; the object's values win).
   *
   * @default - a missing object fails the resource
   */
  readonly defaults?: { [key: string]: any };

  /**
   * Read the object again on every deployment: each synth writes a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change reads the object again (an asset hash, a version string).
   *
   * Values known at synth become a digest, so the same values write the same RunToken; a token among them makes
   * the RunToken the values joined at deploy, which must stay within 256 characters.
   *
   * @default - the object is read again only when a property changes
   */
  readonly rerunOn?: string[];
}

/**
 * Reads a JSON document from S3 into the template (`Orch::S3::FileReader`): `output(path)` returns one value of it
 * as a token other resources take.
 */
export class S3FileReader extends Construct {
  /** The resource's id, also its Ref. */
  public readonly readerId: string;

  /** Entity tag of the object read, without quotes; empty when `defaults` stood in for a missing object. */
  public readonly etag: string;

  /** Version of the object read; empty on a bucket without versioning or when `defaults` stood in. */
  public readonly objectVersionId: string;

  /** When the object read was last modified (ISO 8601); empty when `defaults` stood in. */
  public readonly lastModified: string;

  /** Where the values came from: `Object`, or `Defaults` when the object does not exist. */
  public readonly source: string;

  private readonly outputs: ExposedOutputs;

  public constructor(scope: Construct, id: string, props: S3FileReaderProps) {
    super(scope, id);
    const resource = new CfnS3FileReader(this, 'Resource', {
      bucket: props.bucket.bucketName,
      key: props.key,
      versionId: props.versionId,
      defaults: props.defaults,
      // Values are read through Expose only; an empty OutputPaths keeps nothing in Output, so a large document never fills the task record.
      outputPaths: [],
      runToken: checkedRunToken(this, props, 'reads the object'),
    });
    this.outputs = new ExposedOutputs(this, resource);
    this.readerId = resource.ref;
    this.etag = resource.attrETag;
    this.objectVersionId = resource.attrObjectVersionId;
    this.lastModified = resource.attrLastModified;
    this.source = resource.attrSource;
  }

  /**
   * The value at a dot path of the document (`image.tag`, `layers.0.size`), `defaults` filled in, as a string token.
   *
   * The path goes into the resource's Expose at synth, so only values someone reads are kept. A string comes as
   * it is; a number, boolean or null as its JSON text; an object or array as JSON text that parses back to it.
   * A path neither the document nor `defaults` holds fails the deployment, naming it.
   *
   * @param path dot path into the document
   */
  public output(path: string): string {
    return this.outputs.token(path);
  }

  /**
   * The number at a dot path of the document, as a number token.
   *
   * @param path dot path into the document
   */
  public outputNumber(path: string): number {
    return Token.asNumber(this.output(path));
  }

  /**
   * Reads the object after every resource of `others` (such as the deployment that writes it): DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): S3FileReader {
    executeAfter(this, others);
    return this;
  }

  /**
   * Runs every resource of `others` after this reader: DependsOn.
   *
   * @param others constructs whose resources wait for this reader
   */
  public executeBefore(...others: IConstruct[]): S3FileReader {
    executeBefore(this, others);
    return this;
  }
}

// Generated from resource-types/s3-metadata-reader/orch-s3-metadatareader.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnS3MetadataReader (`Orch::S3::MetadataReader`).
 *
 * @schema CfnS3MetadataReaderProps
 */
export interface CfnS3MetadataReaderProps {
  /**
   * Name of the bucket that holds the object. The bucket may belong to another account, if its bucket policy allows this type's execution role s3:GetObject (and s3:GetObjectVersion, s3:ListBucket).
   *
   * @schema CfnS3MetadataReaderProps#Bucket
   */
  readonly bucket: string;

  /**
   * Key of the object.
   *
   * @schema CfnS3MetadataReaderProps#Key
   */
  readonly key: string;

  /**
   * Version of the object to read. Defaults to the latest version.
   *
   * @default the latest version.
   * @schema CfnS3MetadataReaderProps#VersionId
   */
  readonly versionId?: string;

  /**
   * User metadata that stands in while the object does not exist, and fills keys the object lacks (keys are matched in lower case, as S3 stores them).
   *
   * @schema CfnS3MetadataReaderProps#Defaults
   */
  readonly defaults?: { [key: string]: string };

  /**
   * User-metadata values to expose in Outputs, by attribute name: each name (letters and digits, up to 64) maps to a user-metadata key (without the x-amz-meta- prefix, matched whatever its case, as S3 keeps keys in lower case; Defaults count). Read one with Fn::GetAtt [Reader, Outputs.<name>]. System metadata has its own attributes (ContentType, ETag, ...). A key neither the object nor Defaults has fails the create or update with InvalidRequest naming Expose.<name>.
   *
   * @schema CfnS3MetadataReaderProps#Expose
   */
  readonly expose?: { [key: string]: string };

  /**
   * Any string; changing it reads the object again on update.
   *
   * @schema CfnS3MetadataReaderProps#RunToken
   */
  readonly runToken?: string;
}

/**
 * Converts an object of type 'CfnS3MetadataReaderProps' to JSON representation.
 * @internal
 */
export function toJson_CfnS3MetadataReaderProps(obj: CfnS3MetadataReaderProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'Bucket': obj.bucket,
    'Key': obj.key,
    'VersionId': obj.versionId,
    'Defaults': ((obj.defaults) === undefined) ? undefined : (Object.entries(obj.defaults).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
    'Expose': ((obj.expose) === undefined) ? undefined : (Object.entries(obj.expose).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
    'RunToken': obj.runToken,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * Exposes an Amazon S3 object's user metadata and system metadata as attributes: create and update read them, read returns what was read. Defaults stand in for an object or metadata that do not exist yet.
 *
 * The L1 class of the registry type `Orch::S3::MetadataReader`, which must be registered in the account.
 *
 * @cloudformationResource Orch::S3::MetadataReader
 */
export class CfnS3MetadataReader extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::S3::MetadataReader";

  /** The props this resource was created with. */
  public readonly props: CfnS3MetadataReaderProps;

  /**
   * Identifier of this reader resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * The object's user metadata, with Defaults filling missing keys. Read one value with Fn::GetAtt [Reader, Metadata.<key>].
   *
   * @cloudformationAttribute Metadata
   */
  public readonly attrMetadata: cdk.IResolvable;

  /**
   * The user-metadata values Expose names, by name. Read one with Fn::GetAtt [Reader, Outputs.<name>], such as Outputs.Commit: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>. Use it rather than Metadata.<key> when a key is not letters and digits, or to name the keys the template relies on.
   *
   * @cloudformationAttribute Outputs
   */
  public readonly attrOutputs: cdk.IResolvable;

  /**
   * Content-Type of the object; empty when Defaults stood in for a missing object.
   *
   * @cloudformationAttribute ContentType
   */
  public readonly attrContentType: string;

  /**
   * Size of the object in bytes, as a decimal string; empty when Defaults stood in for a missing object.
   *
   * @cloudformationAttribute ContentLength
   */
  public readonly attrContentLength: string;

  /**
   * Entity tag of the object that was read, without quotes; empty when Defaults stood in for a missing object. Refer to it to update downstream resources when the object changes.
   *
   * @cloudformationAttribute ETag
   */
  public readonly attrETag: string;

  /**
   * Version of the object that was read; empty on a bucket without versioning or when Defaults stood in for a missing object.
   *
   * @cloudformationAttribute ObjectVersionId
   */
  public readonly attrObjectVersionId: string;

  /**
   * When the object that was read was last modified (ISO 8601); empty when Defaults stood in for a missing object.
   *
   * @cloudformationAttribute LastModified
   */
  public readonly attrLastModified: string;

  /**
   * Where the attributes came from: Object, or Defaults when the object does not exist.
   *
   * @cloudformationAttribute Source
   */
  public readonly attrSource: string;

  public constructor(scope: Construct, id: string, props: CfnS3MetadataReaderProps) {
    super(scope, id, { type: CfnS3MetadataReader.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnS3MetadataReaderProps(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrMetadata = this.getAtt("Metadata");
    this.attrOutputs = this.getAtt("Outputs");
    this.attrContentType = cdk.Token.asString(this.getAtt("ContentType", cdk.ResolutionTypeHint.STRING));
    this.attrContentLength = cdk.Token.asString(this.getAtt("ContentLength", cdk.ResolutionTypeHint.STRING));
    this.attrETag = cdk.Token.asString(this.getAtt("ETag", cdk.ResolutionTypeHint.STRING));
    this.attrObjectVersionId = cdk.Token.asString(this.getAtt("ObjectVersionId", cdk.ResolutionTypeHint.STRING));
    this.attrLastModified = cdk.Token.asString(this.getAtt("LastModified", cdk.ResolutionTypeHint.STRING));
    this.attrSource = cdk.Token.asString(this.getAtt("Source", cdk.ResolutionTypeHint.STRING));
  }

  /**
   * One entry of Metadata: `Fn::GetAtt [<logical id>, Metadata.<key>]`, a string.
   *
   * @param key the entry's key, matching ^.{1,256}$
   */
  public getMetadataValue(key: string): string {
    if (!cdk.Token.isUnresolved(key) && !/^.{1,256}$/.test(key)) {
      throw new Error(`${this.node.path}: CfnS3MetadataReader.getMetadataValue(${JSON.stringify(key)}): the key must match ^.{1,256}$`);
    }
    return cdk.Token.asString(this.getAtt(`Metadata.${key}`, cdk.ResolutionTypeHint.STRING));
  }

  /**
   * One entry of Outputs: `Fn::GetAtt [<logical id>, Outputs.<key>]`, a string.
   *
   * @param key the entry's key, matching ^[A-Za-z0-9]{1,64}$
   */
  public getOutput(key: string): string {
    if (!cdk.Token.isUnresolved(key) && !/^[A-Za-z0-9]{1,64}$/.test(key)) {
      throw new Error(`${this.node.path}: CfnS3MetadataReader.getOutput(${JSON.stringify(key)}): the key must match ^[A-Za-z0-9]{1,64}$`);
    }
    return cdk.Token.asString(this.getAtt(`Outputs.${key}`, cdk.ResolutionTypeHint.STRING));
  }
}

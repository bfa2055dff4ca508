// Generated from resource-types/s3-file-reader/orch-s3-filereader.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnS3FileReader (`Orch::S3::FileReader`).
 *
 * @schema CfnS3FileReaderProps
 */
export interface CfnS3FileReaderProps {
  /**
   * Name of the bucket that holds the object. The bucket may belong to another account, if its bucket policy allows this type's execution role s3:GetObject (and s3:GetObjectVersion, s3:ListBucket).
   *
   * @schema CfnS3FileReaderProps#Bucket
   */
  readonly bucket: string;

  /**
   * Key of the object.
   *
   * @schema CfnS3FileReaderProps#Key
   */
  readonly key: string;

  /**
   * Version of the object to read. Defaults to the latest version.
   *
   * @default the latest version.
   * @schema CfnS3FileReaderProps#VersionId
   */
  readonly versionId?: string;

  /**
   * Dot paths (such as model.uri or metrics.0) of the values or subtrees of the document to keep as attributes. Defaults to the whole document.
   *
   * @default the whole document.
   * @schema CfnS3FileReaderProps#OutputPaths
   */
  readonly outputPaths?: string[];

  /**
   * Document values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the document (with Defaults filled in), as OutputPaths writes them (model.uri, metrics.0.accuracy). Read one with Fn::GetAtt [Reader, Outputs.<name>]. A path neither the document nor Defaults holds fails the create or update with InvalidRequest naming Expose.<name>.
   *
   * @schema CfnS3FileReaderProps#Expose
   */
  readonly expose?: { [key: string]: string };

  /**
   * A JSON document (an object, or a string that holds JSON) that stands in for the object while it does not exist, and fills values the object lacks: objects are merged key by key, the object's values win.
   *
   * @schema CfnS3FileReaderProps#Defaults
   */
  readonly defaults?: any;

  /**
   * Any string; changing it reads the object again on update.
   *
   * @schema CfnS3FileReaderProps#RunToken
   */
  readonly runToken?: string;
}

/**
 * Converts an object of type 'CfnS3FileReaderProps' to JSON representation.
 * @internal
 */
export function toJson_CfnS3FileReaderProps(obj: CfnS3FileReaderProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'Bucket': obj.bucket,
    'Key': obj.key,
    'VersionId': obj.versionId,
    'OutputPaths': obj.outputPaths?.map(y => y),
    'Expose': ((obj.expose) === undefined) ? undefined : (Object.entries(obj.expose).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})),
    'Defaults': obj.defaults,
    'RunToken': obj.runToken,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * Reads a JSON object from Amazon S3 and exposes its content as attributes: create and update read the object, read returns what was read. Defaults stand in for an object or values that do not exist yet.
 *
 * The L1 class of the registry type `Orch::S3::FileReader`, which must be registered in the account.
 *
 * @cloudformationResource Orch::S3::FileReader
 */
export class CfnS3FileReader extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::S3::FileReader";

  /** The props this resource was created with. */
  public readonly props: CfnS3FileReaderProps;

  /**
   * Identifier of this reader resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * The document as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it). Fn::GetAtt [Reader, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
   *
   * @cloudformationAttribute Output
   */
  public readonly attrOutput: cdk.IResolvable;

  /**
   * The document values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Reader, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
   *
   * @cloudformationAttribute Outputs
   */
  public readonly attrOutputs: cdk.IResolvable;

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

  public constructor(scope: Construct, id: string, props: CfnS3FileReaderProps) {
    super(scope, id, { type: CfnS3FileReader.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnS3FileReaderProps(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrOutput = this.getAtt("Output");
    this.attrOutputs = this.getAtt("Outputs");
    this.attrETag = cdk.Token.asString(this.getAtt("ETag", cdk.ResolutionTypeHint.STRING));
    this.attrObjectVersionId = cdk.Token.asString(this.getAtt("ObjectVersionId", cdk.ResolutionTypeHint.STRING));
    this.attrLastModified = cdk.Token.asString(this.getAtt("LastModified", cdk.ResolutionTypeHint.STRING));
    this.attrSource = cdk.Token.asString(this.getAtt("Source", cdk.ResolutionTypeHint.STRING));
  }

  /**
   * One entry of Outputs: `Fn::GetAtt [<logical id>, Outputs.<key>]`, a string.
   *
   * @param key the entry's key, matching ^[A-Za-z0-9]{1,64}$
   */
  public getOutput(key: string): string {
    if (!cdk.Token.isUnresolved(key) && !/^[A-Za-z0-9]{1,64}$/.test(key)) {
      throw new Error(`${this.node.path}: CfnS3FileReader.getOutput(${JSON.stringify(key)}): the key must match ^[A-Za-z0-9]{1,64}$`);
    }
    return cdk.Token.asString(this.getAtt(`Outputs.${key}`, cdk.ResolutionTypeHint.STRING));
  }
}

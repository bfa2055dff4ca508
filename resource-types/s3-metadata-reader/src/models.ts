// Generated from orch-s3-metadatareader.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::S3::MetadataReader";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","Metadata","Outputs","ContentType","ContentLength","ETag","ObjectVersionId","LastModified","Source"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Exposes an Amazon S3 object's user metadata and system metadata as attributes: create and update read them, read returns what was read. Defaults stand in for an object or metadata that do not exist yet.
 */
export interface ResourceProperties {
  /**
   * Identifier of this reader resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  /**
   * Name of the bucket that holds the object. The bucket may belong to another account, if its bucket policy allows this type's execution role s3:GetObject (and s3:GetObjectVersion, s3:ListBucket).
   */
  Bucket: string;
  /**
   * Key of the object.
   */
  Key: string;
  /**
   * Version of the object to read. Defaults to the latest version.
   */
  VersionId?: string;
  /**
   * User metadata that stands in while the object does not exist, and fills keys the object lacks (keys are matched in lower case, as S3 stores them).
   */
  Defaults?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9!#$%&'*+.^_|~-]{1,128}$".
     */
    [k: string]: string;
  };
  /**
   * User-metadata values to expose in Outputs, by attribute name: each name (letters and digits, up to 64) maps to a user-metadata key (without the x-amz-meta- prefix, matched whatever its case, as S3 keeps keys in lower case; Defaults count). Read one with Fn::GetAtt [Reader, Outputs.<name>]. System metadata has its own attributes (ContentType, ETag, ...). A key neither the object nor Defaults has fails the create or update with InvalidRequest naming Expose.<name>.
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
  /**
   * Any string; changing it reads the object again on update.
   */
  RunToken?: string;
  Metadata?: UserMetadata;
  Outputs?: SelectedOutputs;
  /**
   * Content-Type of the object; empty when Defaults stood in for a missing object.
   */
  ContentType?: string;
  /**
   * Size of the object in bytes, as a decimal string; empty when Defaults stood in for a missing object.
   */
  ContentLength?: string;
  /**
   * Entity tag of the object that was read, without quotes; empty when Defaults stood in for a missing object. Refer to it to update downstream resources when the object changes.
   */
  ETag?: string;
  /**
   * Version of the object that was read; empty on a bucket without versioning or when Defaults stood in for a missing object.
   */
  ObjectVersionId?: string;
  /**
   * When the object that was read was last modified (ISO 8601); empty when Defaults stood in for a missing object.
   */
  LastModified?: string;
  /**
   * Where the attributes came from: Object, or Defaults when the object does not exist.
   */
  Source?: 'Object' | 'Defaults';
}
/**
 * The object's user metadata, with Defaults filling missing keys. Read one value with Fn::GetAtt [Reader, Metadata.<key>].
 */
export interface UserMetadata {
  /**
   * This interface was referenced by `UserMetadata`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string;
}
/**
 * The user-metadata values Expose names, by name. Read one with Fn::GetAtt [Reader, Outputs.<name>], such as Outputs.Commit: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>. Use it rather than Metadata.<key> when a key is not letters and digits, or to name the keys the template relies on.
 */
export interface SelectedOutputs {
  /**
   * This interface was referenced by `SelectedOutputs`'s JSON-Schema definition
   * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
   */
  [k: string]: string;
}

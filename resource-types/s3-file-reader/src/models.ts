// Generated from orch-s3-filereader.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::S3::FileReader";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","Output","Outputs","ETag","ObjectVersionId","LastModified","Source"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Reads a JSON object from Amazon S3 and exposes its content as attributes: create and update read the object, read returns what was read. Defaults stand in for an object or values that do not exist yet.
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
   * Dot paths (such as model.uri or metrics.0) of the values or subtrees of the document to keep as attributes. Defaults to the whole document.
   *
   * @maxItems 100
   */
  OutputPaths?: string[];
  /**
   * Document values to expose one level down in Outputs, by attribute name: each name (letters and digits, up to 64) maps to the dot path of a value in the document (with Defaults filled in), as OutputPaths writes them (model.uri, metrics.0.accuracy). Read one with Fn::GetAtt [Reader, Outputs.<name>]. A path neither the document nor Defaults holds fails the create or update with InvalidRequest naming Expose.<name>.
   */
  Expose?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
     */
    [k: string]: string;
  };
  /**
   * A JSON document (an object, or a string that holds JSON) that stands in for the object while it does not exist, and fills values the object lacks: objects are merged key by key, the object's values win.
   */
  Defaults?: {} | string;
  /**
   * Any string; changing it reads the object again on update.
   */
  RunToken?: string;
  Output?: OutputNode1;
  Outputs?: SelectedOutputs;
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
 * The document as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON; a subtree below the eighth level is kept as JSON text that parses back to it). Fn::GetAtt [Reader, Output.<dot path>] rests on CloudFormation resolving paths this deep into a registry type's attribute, which is not documented (aws-cloudformation/cloudformation-coverage-roadmap#2434); prefer Expose and Outputs.
 */
export interface OutputNode1 {
  /**
   * This interface was referenced by `OutputNode1`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode2;
}
/**
 * Content values at depth 2: strings, or objects of further values.
 */
export interface OutputNode2 {
  /**
   * This interface was referenced by `OutputNode2`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode3;
}
/**
 * Content values at depth 3: strings, or objects of further values.
 */
export interface OutputNode3 {
  /**
   * This interface was referenced by `OutputNode3`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode4;
}
/**
 * Content values at depth 4: strings, or objects of further values.
 */
export interface OutputNode4 {
  /**
   * This interface was referenced by `OutputNode4`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode5;
}
/**
 * Content values at depth 5: strings, or objects of further values.
 */
export interface OutputNode5 {
  /**
   * This interface was referenced by `OutputNode5`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode6;
}
/**
 * Content values at depth 6: strings, or objects of further values.
 */
export interface OutputNode6 {
  /**
   * This interface was referenced by `OutputNode6`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode7;
}
/**
 * Content values at depth 7: strings, or objects of further values.
 */
export interface OutputNode7 {
  /**
   * This interface was referenced by `OutputNode7`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string | OutputNode8;
}
/**
 * Content values at depth 8: strings; a deeper subtree is kept whole as one JSON string.
 */
export interface OutputNode8 {
  /**
   * This interface was referenced by `OutputNode8`'s JSON-Schema definition
   * via the `patternProperty` "^.{1,256}$".
   */
  [k: string]: string;
}
/**
 * The document values Expose names, by name: a string value as it is, any other value as JSON text that parses back to it (0.91, true, null, {"n":1}). Read one with Fn::GetAtt [Reader, Outputs.<name>], such as Outputs.ModelUri: one level of string values, the form AWS::ServiceCatalog::CloudFormationProvisionedProduct documents for Outputs.<key>.
 */
export interface SelectedOutputs {
  /**
   * This interface was referenced by `SelectedOutputs`'s JSON-Schema definition
   * via the `patternProperty` "^[A-Za-z0-9]{1,64}$".
   */
  [k: string]: string;
}

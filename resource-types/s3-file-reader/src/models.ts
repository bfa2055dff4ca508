// Generated from orch-s3-filereader.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::S3::FileReader";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","Output","ETag","ObjectVersionId","LastModified","Source"] as const;
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
   * A JSON document (an object, or a string that holds JSON) that stands in for the object while it does not exist, and fills values the object lacks: objects are merged key by key, the object's values win.
   */
  Defaults?: {} | string;
  /**
   * Any string; changing it reads the object again on update.
   */
  RunToken?: string;
  Output?: OutputNode1;
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
 * The document as a tree of string leaves, filtered by OutputPaths (arrays become objects keyed by index; numbers, booleans and null are written as JSON). Read one value with Fn::GetAtt [Reader, Output.<dot path>], such as Output.model.uri.
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

import { S3Client } from '@aws-sdk/client-s3';
import {
  describeLocation,
  jsonProperty,
  NotFoundError,
  objectAttributes,
  ObjectProperties,
  outputDepthOf,
  outputTree,
  Reader,
  readJsonObject,
  S3Location,
  selectedOutputs,
  withDefaults,
} from '../../../runtime';
import schema from '../orch-s3-filereader.json';
import { ResourceProperties } from './models';

/** How deep `Output` goes, as the schema defines it. */
export const OUTPUT_DEPTH = outputDepthOf(schema);

/** The properties S3's errors are about, and what a bucket's owner must grant for a read. */
export const OBJECT_PROPERTIES: ObjectProperties = {
  bucket: 'Bucket',
  key: 'Key',
  versionId: 'VersionId',
  accessAdvice:
    "A bucket in another account must grant this type's execution role s3:GetObject (s3:GetObjectVersion for VersionId) " +
    'and s3:ListBucket in its bucket policy, and an SSE-KMS key must allow it kms:Decrypt',
};

/** NotFound for an object that does not exist and has no stand-in, naming the bucket and the key. */
export function objectNotFound(location: S3Location): NotFoundError {
  return new NotFoundError(`Key: ${describeLocation(location)} was not found; set Defaults to deploy before it is written`);
}

export const fileReader: Reader<ResourceProperties> = {
  readOn: ['Bucket', 'Key', 'VersionId', 'OutputPaths', 'Expose', 'Defaults', 'RunToken'],

  async read({ clients, props }) {
    const location = { bucket: props.Bucket, key: props.Key, versionId: props.VersionId };
    // Parsed before the read, so a malformed Defaults fails now rather than on the day the object goes missing.
    const defaults = props.Defaults === undefined ? undefined : jsonProperty(props.Defaults, 'Defaults');
    const object = await readJsonObject(clients.get(S3Client), location, OBJECT_PROPERTIES);
    if (!object && defaults === undefined) throw objectNotFound(location);
    const document = withDefaults(object?.document, defaults);
    // outputTree parses a string as JSON text, so a document that is itself a JSON string goes in as its text.
    const output = outputTree(typeof document === 'string' ? JSON.stringify(document) : document, props.OutputPaths, OUTPUT_DEPTH);
    const what = object ? `${describeLocation(location)}${defaults === undefined ? '' : ' or Defaults'}` : `Defaults (${describeLocation(location)} does not exist)`;
    const outputs = selectedOutputs(document, props.Expose, { what });
    return { Output: output, Outputs: outputs, ...objectAttributes(object?.head) };
  },
};

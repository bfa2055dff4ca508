import { S3Client } from '@aws-sdk/client-s3';
import {
  CROSS_ACCOUNT_READ_ADVICE,
  describeLocation,
  jsonProperty,
  objectAttributes,
  objectNotFound,
  ObjectProperties,
  outputDepthOf,
  outputTree,
  Reader,
  readJsonObject,
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
  defaults: 'Defaults',
  accessAdvice: CROSS_ACCOUNT_READ_ADVICE,
};

export const fileReader: Reader<ResourceProperties> = {
  readOn: ['Bucket', 'Key', 'VersionId', 'OutputPaths', 'Expose', 'Defaults', 'RunToken'],

  async read({ clients, props }) {
    const location = { bucket: props.Bucket, key: props.Key, versionId: props.VersionId };
    // Parsed before the read, so a malformed Defaults fails now rather than on the day the object goes missing.
    const defaults = props.Defaults === undefined ? undefined : jsonProperty(props.Defaults, 'Defaults');
    const object = await readJsonObject(clients.get(S3Client), location, OBJECT_PROPERTIES);
    if (!object && defaults === undefined) throw objectNotFound(location, OBJECT_PROPERTIES);
    const document = withDefaults(object?.document, defaults);
    // outputTree parses a string as JSON text, so a document that is itself a JSON string goes in as its text.
    const output = outputTree(typeof document === 'string' ? JSON.stringify(document) : document, props.OutputPaths, OUTPUT_DEPTH);
    const what = object ? `${describeLocation(location)}${defaults === undefined ? '' : ' or Defaults'}` : `Defaults (${describeLocation(location)} does not exist)`;
    const outputs = selectedOutputs(document, props.Expose, { what });
    return { Output: output, Outputs: outputs, ...objectAttributes(object?.head) };
  },
};

import { S3Client } from '@aws-sdk/client-s3';
import { CROSS_ACCOUNT_READ_ADVICE, describeLocation, headObject, objectAttributes, objectNotFound, ObjectProperties, Reader, selectedEntries } from '../../../runtime';
import { ResourceProperties } from './models';

/** The properties S3's errors are about, and what a bucket's owner must grant for a HeadObject. */
export const OBJECT_PROPERTIES: ObjectProperties = {
  bucket: 'Bucket',
  key: 'Key',
  versionId: 'VersionId',
  defaults: 'Defaults',
  accessAdvice: CROSS_ACCOUNT_READ_ADVICE,
};

export const metadataReader: Reader<ResourceProperties> = {
  readOn: ['Bucket', 'Key', 'VersionId', 'Defaults', 'Expose', 'RunToken'],

  async read({ clients, props }) {
    const location = { bucket: props.Bucket, key: props.Key, versionId: props.VersionId };
    const head = await headObject(clients.get(S3Client), location, OBJECT_PROPERTIES);
    if (!head && props.Defaults === undefined) throw objectNotFound(location, OBJECT_PROPERTIES);
    // S3 stores user metadata keys in lower case, so defaults match them in lower case.
    const defaults = Object.fromEntries(Object.entries(props.Defaults ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
    const metadata = { ...defaults, ...head?.metadata };
    const what = head ? `the user metadata of ${describeLocation(location)}${props.Defaults === undefined ? '' : ' or Defaults'}` : `Defaults (${describeLocation(location)} does not exist)`;
    return {
      Metadata: metadata,
      Outputs: selectedEntries(metadata, props.Expose, { what }),
      ContentType: head?.contentType ?? '',
      ContentLength: head ? String(head.contentLength ?? 0) : '',
      ...objectAttributes(head),
    };
  },
};

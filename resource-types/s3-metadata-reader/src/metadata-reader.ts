import { S3Client } from '@aws-sdk/client-s3';
import { describeLocation, headObject, objectAttributes, objectNotFound, Reader, selectedEntries } from '../../../runtime';
import { ResourceProperties } from './models';

export const metadataReader: Reader = {
  readOn: ['Bucket', 'Key', 'VersionId', 'Defaults', 'Expose', 'RunToken'],

  async read(ctx) {
    const props = ctx.props as unknown as ResourceProperties;
    const location = { bucket: props.Bucket, key: props.Key, versionId: props.VersionId };
    const head = await headObject(ctx.clients.get(S3Client), location);
    if (!head && props.Defaults === undefined) throw objectNotFound(location);
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

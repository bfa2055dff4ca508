import { defineResourceType, ReadLifecycle } from '../../../runtime';
import schema from '../orch-s3-metadatareader.json';
import { metadataReader } from './metadata-reader';
import { TYPE_NAME } from './models';

/** Create and update read the object's metadata once; read and list return what was stored. */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(TYPE_NAME, schema, new ReadLifecycle(metadataReader, { typeName: TYPE_NAME }));

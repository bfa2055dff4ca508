import { defineResourceType, ReadLifecycle } from '../../../runtime';
import schema from '../orch-s3-filereader.json';
import { fileReader } from './file-reader';
import { TYPE_NAME } from './models';

/** Create and update read the object once; read and list return what was stored. */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(TYPE_NAME, schema, new ReadLifecycle(fileReader, { typeName: TYPE_NAME }));

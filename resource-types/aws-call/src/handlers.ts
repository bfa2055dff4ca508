import { defineResourceType, TaskLifecycle } from '../../../runtime';
import schema from '../orch-aws-call.json';
import { awsCall } from './call';
import { TYPE_NAME } from './models';

/**
 * Create, update and delete each make their call at most once per request; read and list return the stored answer.
 * See call.ts for what is specific to SDK calls, allowed-actions.ts for the admin's scope.
 */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(TYPE_NAME, schema, new TaskLifecycle(awsCall, { typeName: TYPE_NAME, schema }));

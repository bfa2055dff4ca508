import { defineResourceType, TaskLifecycle } from '../../../runtime';
import schema from '../orch-git-commitfroms3.json';
import { TYPE_NAME } from './models';
import { publishAdapter } from './publish-task';

/** Create and update publish the prefix as one commit per request; see publish-task.ts for what is specific to git. */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(
  TYPE_NAME,
  schema,
  new TaskLifecycle(publishAdapter, { typeName: TYPE_NAME, schema }),
);

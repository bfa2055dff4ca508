import { defineResourceType, TaskLifecycle } from '../../../runtime';
import schema from '../orch-lambda-task.json';
import { invocation } from './invocation';
import { TYPE_NAME } from './models';

/** Create and update invoke the function at most once per request; see invocation.ts for what is specific to Lambda. */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(
  TYPE_NAME,
  schema,
  new TaskLifecycle(invocation, { typeName: TYPE_NAME, schema }),
);

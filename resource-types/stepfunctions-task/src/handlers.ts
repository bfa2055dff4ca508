import { defineResourceType, TaskLifecycle } from '../../../runtime';
import schema from '../orch-stepfunctions-task.json';
import { execution } from './execution';
import { TYPE_NAME } from './models';

/** Create and update start an execution and follow it; see execution.ts for what is specific to Step Functions. */
export const { resource, entrypoint, testEntrypoint } = defineResourceType(
  TYPE_NAME,
  schema,
  new TaskLifecycle(execution, { typeName: TYPE_NAME, schema }),
);

import { randomUUID } from 'node:crypto';
import { Invoker } from './invoker';
import { Entrypoint } from './types';

/**
 * Calls a bundled or source entrypoint in this process. The request goes through JSON, as over Lambda's wire, so
 * the handler never shares an object with the caller.
 */
export function inProcessInvoker(entrypoint: Entrypoint): Invoker {
  return (request) => entrypoint(JSON.parse(JSON.stringify(request)), { awsRequestId: randomUUID() });
}

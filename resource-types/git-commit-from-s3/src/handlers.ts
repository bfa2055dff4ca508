import { defineResourceType, ResourceHandlers, TaskLifecycle } from '../../../runtime';
import schema from '../orch-git-commitfroms3.json';
import { checkDestination } from './destinations';
import { TYPE_NAME } from './models';
import { publication } from './publish-task';
import { repositoryLocation } from './repository-url';

const lifecycle = new TaskLifecycle(publication, { typeName: TYPE_NAME, schema });

/**
 * Create and update publish the prefix as one commit per request; see publish-task.ts for what is specific to git.
 * Every create and update invocation first checks the destination against the admin's type configuration, before
 * the lifecycle claims anything or a secret is read.
 */
const guarded = (handler: ResourceHandlers['create']): ResourceHandlers['create'] => async (session, request, cb, typeConfiguration) => {
  const props = (request.desiredResourceState ?? {}) as { RepositoryUrl?: string; AllowInsecureHttp?: boolean };
  checkDestination(repositoryLocation(props.RepositoryUrl ?? '', props.AllowInsecureHttp === true), typeConfiguration);
  return handler(session, request, cb, typeConfiguration);
};

export const { resource, entrypoint, testEntrypoint } = defineResourceType(TYPE_NAME, schema, {
  create: guarded((session, request, cb) => lifecycle.create(session, request, cb)),
  update: guarded((session, request, cb) => lifecycle.update(session, request, cb)),
  delete: (session, request) => lifecycle.delete(session, request),
  read: (session, request) => lifecycle.read(session, request),
  list: (session, request) => lifecycle.list(session, request),
});

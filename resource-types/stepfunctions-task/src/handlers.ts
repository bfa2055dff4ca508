import {
  Action,
  BaseResource,
  handlerEvent,
  ResourceHandlerRequest,
  SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { CallbackContext, entrypointFor, plainModel, TaskLifecycle } from '../../../runtime';
import schema from '../orch-stepfunctions-task.json';
import { executionAdapter, ExecutionWork } from './execution';
import { TYPE_NAME } from './models';

type Context = CallbackContext<ExecutionWork>;
const ResourceModel = plainModel(TYPE_NAME);
type Request = ResourceHandlerRequest<InstanceType<typeof ResourceModel>>;

const lifecycle = new TaskLifecycle(executionAdapter, { typeName: TYPE_NAME, schema });

class Resource extends BaseResource<InstanceType<typeof ResourceModel>> {
  @handlerEvent(Action.Create)
  async create(session: SessionProxy, request: Request, cb: Context) {
    return lifecycle.create(session, request, cb);
  }

  @handlerEvent(Action.Update)
  async update(session: SessionProxy, request: Request, cb: Context) {
    return lifecycle.update(session, request, cb);
  }

  @handlerEvent(Action.Delete)
  async delete(session: SessionProxy, request: Request) {
    return lifecycle.delete(session, request);
  }

  @handlerEvent(Action.Read)
  async read(session: SessionProxy, request: Request) {
    return lifecycle.read(session, request);
  }

  @handlerEvent(Action.List)
  async list(session: SessionProxy, request: Request) {
    return lifecycle.list(session, request);
  }
}

export const resource = new Resource(TYPE_NAME, ResourceModel);

export const { entrypoint, testEntrypoint } = entrypointFor(resource, schema);

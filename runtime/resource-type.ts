import {
  Action,
  BaseResource,
  handlerEvent,
  LoggerProxy,
  ProgressEvent,
  ResourceHandlerRequest,
  SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { entrypointFor } from './entrypoint';
import { withoutLogPauses } from './log-drain';
import { plainModel } from './plain-model';

type Request = ResourceHandlerRequest<any>;
/**
 * `typeConfiguration` is what the account admin set with SetTypeConfiguration (null when nothing is set). `logger`
 * is the library's: its lines reach the Lambda log and, when CloudFormation sends a log group, CloudWatch Logs.
 */
type Handler = (
  session: SessionProxy | undefined,
  request: Request,
  callbackContext: any,
  typeConfiguration?: unknown,
  logger?: LoggerProxy,
) => Promise<ProgressEvent<any, any>>;

/** The five actions of a resource type: a TaskLifecycle or a ReadLifecycle. */
export interface ResourceHandlers {
  readonly create: Handler;
  readonly update: Handler;
  readonly delete: Handler;
  readonly read: Handler;
  readonly list: Handler;
}

/**
 * A type's `resource`, `entrypoint` and `testEntrypoint`: the cfn library's BaseResource with every action handed
 * to `handlers`, behind the schema check of `entrypointFor`, without the library's fixed one-second wait at the
 * end and its fixed pause before each log line it sends to CloudWatch (see log-drain.ts). A type's handlers.ts is
 * one call to this.
 */
export function defineResourceType(typeName: string, schema: object, handlers: ResourceHandlers) {
  const ResourceModel = plainModel(typeName);

  class Resource extends BaseResource<InstanceType<typeof ResourceModel>> {
    @handlerEvent(Action.Create)
    async create(session: SessionProxy, request: Request, cb: unknown, logger: LoggerProxy, typeConfiguration: unknown) {
      return handlers.create(session, request, cb, typeConfiguration, logger);
    }

    @handlerEvent(Action.Update)
    async update(session: SessionProxy, request: Request, cb: unknown, logger: LoggerProxy, typeConfiguration: unknown) {
      return handlers.update(session, request, cb, typeConfiguration, logger);
    }

    @handlerEvent(Action.Delete)
    async delete(session: SessionProxy, request: Request, cb: unknown, logger: LoggerProxy, typeConfiguration: unknown) {
      return handlers.delete(session, request, cb, typeConfiguration, logger);
    }

    @handlerEvent(Action.Read)
    async read(session: SessionProxy, request: Request, cb: unknown, logger: LoggerProxy, typeConfiguration: unknown) {
      return handlers.read(session, request, cb, typeConfiguration, logger);
    }

    @handlerEvent(Action.List)
    async list(session: SessionProxy, request: Request, cb: unknown, logger: LoggerProxy, typeConfiguration: unknown) {
      return handlers.list(session, request, cb, typeConfiguration, logger);
    }
  }

  // With a model for it, the library hands every handler the request's typeConfiguration (it refuses one without).
  const resource = new (withoutLogPauses(Resource))(typeName, ResourceModel, undefined, undefined, plainModel(`${typeName} type configuration`) as any);
  return { resource, ...entrypointFor(resource, schema) };
}

import { BaseResource, exceptions } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { validateProperties } from './validate';

type Handler = (event: any, context?: any) => Promise<any>;

/**
 * The production entrypoints of a type: the library's own, after the raw properties were checked against the
 * schema. The check must see the raw request, because the library's model drops properties it does not know.
 */
export function entrypointFor(resource: BaseResource<any>, schema: object): { entrypoint: Handler; testEntrypoint: Handler } {
  const entrypoint: Handler = async (event, context) => {
    const failure = validationFailure(schema, event?.action, event?.requestData?.resourceProperties);
    return failure ? failure.serialize() : resource.entrypoint(event, context);
  };
  const testEntrypoint: Handler = async (event, context) => {
    const failure = validationFailure(schema, event?.action, event?.request?.desiredResourceState);
    return failure ?? resource.testEntrypoint(event, context);
  };
  return { entrypoint, testEntrypoint };
}

function validationFailure(schema: object, action: string | undefined, properties: unknown) {
  if (action !== 'CREATE' && action !== 'UPDATE') return undefined;
  try {
    validateProperties(schema, properties);
    return undefined;
  } catch (err) {
    return (err as exceptions.BaseHandlerException).toProgressEvent();
  }
}

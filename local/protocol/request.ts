import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from '../local-aws';
import { Action, Credentials, HandlerRequest, ProgressEventJson } from './types';

/** What stays the same in every request CloudFormation sends one type for one stack. */
export interface RequestSettings {
  readonly typeName: string;
  readonly stackId: string;
  readonly callerCredentials?: Credentials;
  readonly typeConfiguration?: Record<string, unknown>;
  /** The stack's account and region; the local ones (LOCAL_AWS) when left out. */
  readonly accountId?: string;
  readonly region?: string;
}

/** A stack id in CloudFormation's form, for a driver that was given none. */
export function localStackId(name = `local-${randomUUID().slice(0, 8)}`): string {
  return `arn:aws:cloudformation:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:stack/${name}/${randomUUID()}`;
}

/**
 * The first request of an operation, as the registry sends it: a fresh bearer token (the lib hands it to the
 * handler as `clientRequestToken`, the handler's idempotency key), no callbackContext, the type configuration on
 * every request.
 */
export function buildRequest(
  settings: RequestSettings,
  action: Action,
  logicalId: string,
  data: Partial<HandlerRequest['requestData']>,
  bearerToken: string = randomUUID(),
): HandlerRequest {
  return {
    action,
    awsAccountId: settings.accountId ?? LOCAL_AWS.accountId,
    bearerToken,
    region: settings.region ?? LOCAL_AWS.region,
    resourceType: settings.typeName,
    stackId: settings.stackId,
    requestData: {
      callerCredentials: { ...(settings.callerCredentials ?? LOCAL_AWS.credentials) },
      logicalResourceId: logicalId,
      stackTags: {},
      systemTags: {},
      ...(settings.typeConfiguration && { typeConfiguration: settings.typeConfiguration }),
      ...data,
    },
  };
}

/**
 * The callback CloudFormation sends after an IN_PROGRESS event: the same request (same bearer token) carrying the
 * event's callbackContext and model.
 */
export function callbackRequest(previous: HandlerRequest, event: ProgressEventJson): HandlerRequest {
  return {
    ...previous,
    callbackContext: event.callbackContext,
    requestData: { ...previous.requestData, resourceProperties: event.resourceModel ?? previous.requestData.resourceProperties },
  };
}

/** The primary identifier's properties of `model`, which CloudFormation adds to READ, UPDATE and DELETE requests. */
export function identifierOf(primaryIdentifier: readonly string[], model: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(primaryIdentifier.map((key) => [key, model[key]]));
}

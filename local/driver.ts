import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from './local-aws';

/** A resource type's production entrypoint: the function CloudFormation's Lambda invocation reaches. */
export type Entrypoint = (event: HandlerRequest, context?: unknown) => Promise<ProgressEventJson>;

export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

/** The request CloudFormation sends a registry handler. */
export interface HandlerRequest {
  action: Action;
  awsAccountId: string;
  bearerToken: string;
  region: string;
  resourceType: string;
  stackId: string;
  callbackContext?: Record<string, unknown>;
  nextToken?: string;
  requestData: {
    callerCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    /** Sent when the type is registered with a LoggingConfig: the library delivers handler logs with them. */
    providerCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    providerLogGroupName?: string;
    logicalResourceId: string;
    resourceProperties?: Record<string, unknown>;
    previousResourceProperties?: Record<string, unknown>;
    stackTags?: Record<string, string>;
    previousStackTags?: Record<string, string>;
    systemTags?: Record<string, string>;
    typeConfiguration?: Record<string, unknown>;
  };
}

export interface ProgressEventJson {
  status: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
  errorCode?: string;
  message?: string;
  callbackContext?: Record<string, unknown>;
  callbackDelaySeconds?: number;
  resourceModel?: Record<string, unknown>;
  resourceModels?: Record<string, unknown>[];
  nextToken?: string;
}

export interface RecordedInvocation {
  readonly action: Action;
  readonly response: ProgressEventJson;
  readonly startedAt: number;
  readonly durationMs: number;
}

export interface OperationResult {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly model?: Record<string, unknown>;
  readonly models?: Record<string, unknown>[];
  readonly errorCode?: string;
  readonly message?: string;
  readonly invocations: RecordedInvocation[];
  /** Breaches of the handler contract seen in any event (for example IN_PROGRESS without the primary identifier). */
  readonly violations: string[];
}

export interface DriverOptions {
  readonly entrypoint: Entrypoint;
  readonly typeName: string;
  /** Property names of the primary identifier, to check IN_PROGRESS events carry it. */
  readonly primaryIdentifier: readonly string[];
  readonly stackId?: string;
  /** Multiplies callbackDelaySeconds before waiting: 0.01 makes a 60-second hop take 0.6 s in tests. */
  readonly delayScale?: number;
  /** Gives up on an operation after this many invocations. */
  readonly maxInvocations?: number;
  /** The credentials the handler runs with (the type's execution role in CloudFormation); local ones by default. */
  readonly callerCredentials?: HandlerRequest['requestData']['callerCredentials'];
  /** What the account admin set with SetTypeConfiguration; CloudFormation sends it in every request. */
  readonly typeConfiguration?: Record<string, unknown>;
  /** Called after every invocation, for live output. */
  readonly onInvocation?: (invocation: RecordedInvocation) => void;
}

/**
 * Plays CloudFormation's part for one resource type: sends real HandlerRequests to the entrypoint, follows
 * IN_PROGRESS events by re-invoking with the returned model and callbackContext, and records every event.
 */
export class CfnDriver {
  readonly stackId: string;

  constructor(private readonly options: DriverOptions) {
    this.stackId = options.stackId ?? `arn:aws:cloudformation:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:stack/local-${randomUUID().slice(0, 8)}/${randomUUID()}`;
  }

  create(logicalId: string, properties: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('CREATE', logicalId, { resourceProperties: properties }));
  }

  /** Updates the resource `model` (as create returned it) to `properties`; CloudFormation adds the identifier. */
  update(logicalId: string, model: Record<string, unknown>, previous: Record<string, unknown>, properties: Record<string, unknown>): Promise<OperationResult> {
    return this.run(
      this.request('UPDATE', logicalId, {
        resourceProperties: { ...properties, ...this.identifierOf(model) },
        previousResourceProperties: { ...previous, ...this.identifierOf(model) },
      }),
    );
  }

  delete(logicalId: string, model: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('DELETE', logicalId, { resourceProperties: model }));
  }

  read(logicalId: string, model: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('READ', logicalId, { resourceProperties: this.identifierOf(model) }));
  }

  list(): Promise<OperationResult> {
    return this.run(this.request('LIST', '', { resourceProperties: {} }));
  }

  /** Builds the request CloudFormation would send; `send` or `run` it, for example twice to play a re-send. */
  request(action: Action, logicalId: string, data: Partial<HandlerRequest['requestData']>, bearerToken = randomUUID()): HandlerRequest {
    return {
      action,
      awsAccountId: LOCAL_AWS.accountId,
      bearerToken,
      region: LOCAL_AWS.region,
      resourceType: this.options.typeName,
      stackId: this.stackId,
      requestData: {
        callerCredentials: { ...(this.options.callerCredentials ?? LOCAL_AWS.credentials) },
        logicalResourceId: logicalId,
        stackTags: {},
        systemTags: {},
        ...(this.options.typeConfiguration && { typeConfiguration: this.options.typeConfiguration }),
        ...data,
      },
    };
  }

  /** One invocation, recorded. */
  async send(request: HandlerRequest): Promise<RecordedInvocation> {
    const startedAt = Date.now();
    const response = await this.options.entrypoint(JSON.parse(JSON.stringify(request)), { awsRequestId: randomUUID() });
    const invocation = { action: request.action, response, startedAt, durationMs: Date.now() - startedAt };
    this.options.onInvocation?.(invocation);
    return invocation;
  }

  /** Sends `request` and follows IN_PROGRESS until the operation ends. */
  async run(request: HandlerRequest): Promise<OperationResult> {
    const invocations: RecordedInvocation[] = [];
    const violations: string[] = [];
    let current = request;
    for (;;) {
      const invocation = await this.send(current);
      invocations.push(invocation);
      const event = invocation.response;
      violations.push(...this.check(current.action, event).map((v) => `invocation ${invocations.length}: ${v}`));
      if (event.status !== 'IN_PROGRESS') {
        return { status: event.status, model: event.resourceModel, models: event.resourceModels, errorCode: event.errorCode, message: event.message, invocations, violations };
      }
      if (invocations.length >= (this.options.maxInvocations ?? 500)) {
        return { status: 'FAILED', errorCode: 'NotStabilized', message: 'driver: too many invocations', invocations, violations };
      }
      await new Promise((r) => setTimeout(r, (event.callbackDelaySeconds ?? 0) * 1000 * (this.options.delayScale ?? 1)));
      current = {
        ...current,
        callbackContext: event.callbackContext,
        requestData: { ...current.requestData, resourceProperties: event.resourceModel ?? current.requestData.resourceProperties },
      };
    }
  }

  private identifierOf(model: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(this.options.primaryIdentifier.map((key) => [key, model[key]]));
  }

  /** The rules CloudFormation and the contract suite apply to every progress event. */
  private check(action: Action, event: ProgressEventJson): string[] {
    const problems: string[] = [];
    if (!['IN_PROGRESS', 'SUCCESS', 'FAILED'].includes(event.status)) problems.push(`unknown status ${event.status}`);
    if (event.status === 'IN_PROGRESS') {
      if (action === 'READ' || action === 'LIST') problems.push(`${action} returned IN_PROGRESS`);
      if (event.errorCode) problems.push('IN_PROGRESS carries an errorCode');
      if (event.resourceModels) problems.push('IN_PROGRESS carries resourceModels');
      const missing = this.options.primaryIdentifier.filter((key) => event.resourceModel?.[key] === undefined);
      if (missing.length) problems.push(`IN_PROGRESS model lacks the primary identifier ${missing.join(', ')}`);
    }
    if (event.status === 'SUCCESS' && event.callbackDelaySeconds) problems.push('SUCCESS carries callbackDelaySeconds');
    if (event.status === 'FAILED' && !event.errorCode) problems.push('FAILED carries no errorCode');
    if (event.status === 'FAILED' && /\n\s+at /.test(event.message ?? '')) problems.push('FAILED message holds a stack trace');
    if (JSON.stringify(event.resourceModel ?? {}).includes('null')) {
      if (hasNull(event.resourceModel)) problems.push('resourceModel holds null');
    }
    return problems;
  }
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value as object).some(hasNull);
}

import { contractViolations } from './contract-checks';
import { inProcessInvoker } from './in-process-invoker';
import { Invoker, LostAnswer } from './invoker';
import { buildRequest, callbackRequest, identifierOf, localStackId, RequestSettings } from './request';
import { ActionTimeouts, TIMED_OUT_MESSAGE, timeoutMs } from './timeouts';
import { Action, Credentials, Entrypoint, HandlerRequest, OperationResult, RecordedInvocation } from './types';

export interface DriverOptions {
  /** The type's entrypoint, called in this process; shorthand for `invoker: inProcessInvoker(entrypoint)`. */
  readonly entrypoint?: Entrypoint;
  /** How requests reach the handler (in-process, a fresh process, the Lambda endpoint); wins over `entrypoint`. */
  readonly invoker?: Invoker;
  readonly typeName: string;
  /** Property names of the primary identifier, to check IN_PROGRESS events carry it. */
  readonly primaryIdentifier: readonly string[];
  readonly stackId?: string;
  /** Multiplies callbackDelaySeconds before waiting: 0.01 makes a 60-second hop take 0.6 s in tests. */
  readonly delayScale?: number;
  /** Gives up on an operation after this many invocations. */
  readonly maxInvocations?: number;
  /** The schema's per-action limits (`timeoutsFromSchema`); 120 minutes where it names none, as CloudFormation. */
  readonly timeouts?: ActionTimeouts;
  /** How many times one request is sent when its answer is lost before the operation fails; 3 by default. */
  readonly maxAttempts?: number;
  /** The credentials the handler runs with (the type's execution role in CloudFormation); local ones by default. */
  readonly callerCredentials?: Credentials;
  /** What the account admin set with SetTypeConfiguration; CloudFormation sends it in every request. */
  readonly typeConfiguration?: Record<string, unknown>;
  /** The stack's account and region, sent in every request; the local ones (LOCAL_AWS) when left out. */
  readonly accountId?: string;
  readonly region?: string;
  /** Called after every invocation, for live output. */
  readonly onInvocation?: (invocation: RecordedInvocation) => void;
}

/** Every attempt at one request lost its answer. */
class AnswerNeverCame extends Error {}

/**
 * Plays CloudFormation's part for one resource type: sends real HandlerRequests through the invoker, follows
 * IN_PROGRESS events by re-invoking with the returned model and callbackContext, re-sends a request whose answer
 * was lost, fails an operation past its action's time limit, and checks every event against the handler contract.
 */
export class CfnDriver {
  readonly stackId: string;
  private readonly invoker: Invoker;
  private readonly settings: RequestSettings;

  constructor(private readonly options: DriverOptions) {
    if (!options.invoker && !options.entrypoint) throw new Error(`CfnDriver for ${options.typeName}: give an entrypoint or an invoker`);
    this.invoker = options.invoker ?? inProcessInvoker(options.entrypoint!);
    this.stackId = options.stackId ?? localStackId();
    this.settings = { typeName: options.typeName, stackId: this.stackId, callerCredentials: options.callerCredentials, typeConfiguration: options.typeConfiguration, accountId: options.accountId, region: options.region };
  }

  create(logicalId: string, properties: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('CREATE', logicalId, { resourceProperties: properties }));
  }

  /** Updates the resource `model` (as create returned it) to `properties`; CloudFormation adds the identifier. */
  update(logicalId: string, model: Record<string, unknown>, previous: Record<string, unknown>, properties: Record<string, unknown>): Promise<OperationResult> {
    const id = identifierOf(this.options.primaryIdentifier, model);
    return this.run(this.request('UPDATE', logicalId, { resourceProperties: { ...properties, ...id }, previousResourceProperties: { ...previous, ...id } }));
  }

  delete(logicalId: string, model: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('DELETE', logicalId, { resourceProperties: model }));
  }

  read(logicalId: string, model: Record<string, unknown>): Promise<OperationResult> {
    return this.run(this.request('READ', logicalId, { resourceProperties: identifierOf(this.options.primaryIdentifier, model) }));
  }

  list(): Promise<OperationResult> {
    return this.run(this.request('LIST', '', { resourceProperties: {} }));
  }

  /** Builds the request CloudFormation would send; `send` or `run` it, for example twice to play a re-send. */
  request(action: Action, logicalId: string, data: Partial<HandlerRequest['requestData']>, bearerToken?: string): HandlerRequest {
    return buildRequest(this.settings, action, logicalId, data, bearerToken);
  }

  /** One invocation, recorded; the same request is sent again while its answer is lost, up to `maxAttempts`. */
  async send(request: HandlerRequest): Promise<RecordedInvocation> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.invoker(request);
        const invocation = { action: request.action, response, startedAt, durationMs: Date.now() - startedAt, attempts: attempt };
        this.options.onInvocation?.(invocation);
        return invocation;
      } catch (err) {
        if (!(err instanceof LostAnswer)) throw err;
        if (attempt >= maxAttempts) throw new AnswerNeverCame(`no answer after ${attempt} attempts: ${err.message}`);
      }
    }
  }

  /** Sends `request` and follows IN_PROGRESS until the operation ends. */
  async run(request: HandlerRequest): Promise<OperationResult> {
    const invocations: RecordedInvocation[] = [];
    const violations: string[] = [];
    const limitMs = timeoutMs(request.action, this.options.timeouts);
    // CloudFormation's clock: time spent in handlers plus every callback delay at its full length, so a scaled-down
    // wait in a test still counts against the schema's limit as it would in CloudFormation.
    let elapsedMs = 0;
    let current = request;
    for (;;) {
      let invocation: RecordedInvocation;
      try {
        invocation = await this.send(current);
      } catch (err) {
        if (!(err instanceof AnswerNeverCame)) throw err;
        return { status: 'FAILED', errorCode: 'InternalFailure', message: err.message, invocations, violations };
      }
      invocations.push(invocation);
      elapsedMs += invocation.durationMs;
      const event = invocation.response;
      violations.push(...contractViolations(current.action, event, this.options.primaryIdentifier).map((v) => `invocation ${invocations.length}: ${v}`));
      if (event.status !== 'IN_PROGRESS') {
        return { status: event.status, model: event.resourceModel, models: event.resourceModels, errorCode: event.errorCode, message: event.message, invocations, violations };
      }
      if (invocations.length >= (this.options.maxInvocations ?? 500)) {
        return { status: 'FAILED', errorCode: 'NotStabilized', message: 'driver: too many invocations', invocations, violations };
      }
      const delayMs = (event.callbackDelaySeconds ?? 0) * 1000;
      elapsedMs += delayMs;
      if (limitMs !== undefined && elapsedMs >= limitMs) {
        return { status: 'FAILED', errorCode: 'NotStabilized', message: TIMED_OUT_MESSAGE, model: event.resourceModel, invocations, violations };
      }
      await new Promise((r) => setTimeout(r, delayMs * (this.options.delayScale ?? 1)));
      current = callbackRequest(current, event);
    }
  }
}

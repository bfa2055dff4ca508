import { CfnDriver, Credentials, Invoker, OperationResult, RecordedInvocation } from '../../protocol';
import { LOCAL_AWS } from '../../local-aws';
import type { CreateRequest, DeleteRequest, ProgressNote, Provisioned, ProvisionTarget, ResourceProvisioner, UpdateRequest } from '../deploy/provisioner';
import { ProvisionError } from '../deploy/provisioner';

/** What the provisioner of one Orch type needs: how to reach its handlers, and what its schema says. */
export interface OrchTypeSettings {
  readonly typeName: string;
  /** Property names of the schema's primaryIdentifier: the physical id, and what update and delete requests carry. */
  readonly primaryIdentifier: readonly string[];
  /** The schema's read-only properties: the model's values of these are the resource's attributes. */
  readonly readOnlyProperties: readonly string[];
  readonly timeouts?: Readonly<Partial<Record<'create' | 'update' | 'delete', number>>>;
  /** The invoker reaching the type's bundle; awaited on each operation's first use, so only used types are built. */
  readonly invoker: () => Promise<Invoker>;
  readonly typeConfiguration?: Record<string, unknown>;
  readonly region: string;
  readonly accountId: string;
  readonly delayScale?: number;
  readonly maxAttempts?: number;
  readonly onInvocation?: (logicalId: string, invocation: RecordedInvocation) => void;
}

/**
 * The caller's credentials from the standard variables (what `orch up` exports, or a real session), as the type's
 * execution role's would be sent; the local ones otherwise.
 */
function callerCredentials(env = process.env): Credentials {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return { ...LOCAL_AWS.credentials };
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }) };
}

/** CloudFormation's status reason for a handler's FAILED event. */
export function handlerFailureReason(result: Pick<OperationResult, 'errorCode' | 'message'>): string {
  return `Resource handler returned message: "${result.message ?? ''}" (HandlerErrorCode: ${result.errorCode ?? 'InternalFailure'})`;
}

/** The note shown while a handler works: its own message, else when CloudFormation calls it back (the unscaled delay). */
export function progressNote(invocation: RecordedInvocation): string | undefined {
  const event = invocation.response;
  if (event.status !== 'IN_PROGRESS') return undefined;
  return event.message || `in progress, next check in ${event.callbackDelaySeconds ?? 0}s`;
}

/**
 * An Orch type through the CloudFormation request protocol (CfnDriver), one driver per operation so each resource's
 * invocations and notes are its own. The model a handler returns is kept whole for the resource's update and delete,
 * as CloudFormation keeps it.
 */
export function orchProvisioner(settings: OrchTypeSettings): ResourceProvisioner {
  // CloudFormation joins a compound identifier with '|'.
  const physicalIdOf = (model: Readonly<Record<string, unknown>>) => settings.primaryIdentifier.map((key) => String(model[key])).join('|');
  const identified = (model: Readonly<Record<string, unknown>> | undefined) => !!model && settings.primaryIdentifier.every((key) => model[key] !== undefined);

  async function operate(target: ProvisionTarget, progress: ProgressNote, run: (driver: CfnDriver) => Promise<OperationResult>): Promise<OperationResult> {
    let invoker: Invoker;
    try {
      invoker = await settings.invoker();
    } catch (err) {
      throw new ProvisionError(target.logicalId, `the handlers of ${settings.typeName} could not be loaded: ${(err as Error).message}`, 'InternalFailure');
    }
    const driver = new CfnDriver({
      invoker,
      typeName: settings.typeName,
      primaryIdentifier: settings.primaryIdentifier,
      stackId: target.stackId,
      region: settings.region,
      accountId: settings.accountId,
      timeouts: settings.timeouts,
      delayScale: settings.delayScale,
      maxAttempts: settings.maxAttempts,
      typeConfiguration: settings.typeConfiguration,
      callerCredentials: callerCredentials(),
      onInvocation: (invocation) => {
        settings.onInvocation?.(target.logicalId, invocation);
        const note = progressNote(invocation);
        if (!note) return;
        // The identifier an IN_PROGRESS event carries is what a rollback (or the deploy after a crash) deletes when
        // the create never finishes, as CloudFormation deletes a CREATE_FAILED resource it knows the identifier of.
        const model = invocation.response.resourceModel;
        progress(note, identified(model) ? { physicalId: physicalIdOf(model!), model: model! } : undefined);
      },
    });
    let result: OperationResult;
    try {
      result = await run(driver);
    } catch (err) {
      // An invoker failing for a reason other than a lost answer (the handler process threw): no event came back.
      throw new ProvisionError(target.logicalId, `the handler of ${settings.typeName} gave no progress event: ${(err as Error).message}`, 'InternalFailure');
    }
    // A breach passes here (the operation's outcome stands, so a created resource can still be rolled back) but is
    // shown: CloudFormation or the contract suite would refuse the type for it.
    if (result.violations.length) progress(`handler contract broken: ${result.violations.join('; ')}`);
    return result;
  }

  function provisioned(target: ProvisionTarget, result: OperationResult): Provisioned {
    if (result.status !== 'SUCCESS') throw new ProvisionError(target.logicalId, handlerFailureReason(result), result.errorCode);
    const model = result.model ?? {};
    const missing = settings.primaryIdentifier.filter((key) => model[key] === undefined);
    if (missing.length) throw new ProvisionError(target.logicalId, `${settings.typeName} returned a model without its primary identifier ${missing.join(', ')}`, 'InternalFailure');
    return toProvisioned(model);
  }

  function toProvisioned(model: Record<string, unknown>): Provisioned {
    return {
      physicalId: physicalIdOf(model),
      attributes: Object.fromEntries(settings.readOnlyProperties.filter((key) => model[key] !== undefined).map((key) => [key, model[key]])),
      model,
    };
  }

  /** The deployed model; a record without one (written by another provisioner) still has its physical id. */
  const modelOf = (deployed: Provisioned, properties: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    if (deployed.model) return { ...deployed.model };
    const values = deployed.physicalId.split('|');
    return { ...properties, ...Object.fromEntries(settings.primaryIdentifier.map((key, i) => [key, values[i]])) };
  };

  return {
    async create(request: CreateRequest, progress: ProgressNote) {
      return provisioned(request, await operate(request, progress, (driver) => driver.create(request.logicalId, { ...request.properties })));
    },
    async update(request: UpdateRequest, progress: ProgressNote) {
      const model = modelOf(request.previous, request.previousProperties);
      const result = await operate(request, progress, (driver) => driver.update(request.logicalId, model, { ...request.previousProperties }, { ...request.properties }));
      return provisioned(request, result);
    },
    async delete(request: DeleteRequest, progress: ProgressNote) {
      const model = modelOf(request.deployed, request.properties);
      const result = await operate(request, progress, (driver) => driver.delete(request.logicalId, model));
      // CloudFormation treats a delete handler's NotFound as deleted.
      if (result.status === 'SUCCESS' || result.errorCode === 'NotFound') return;
      throw new ProvisionError(request.logicalId, handlerFailureReason(result), result.errorCode);
    },
  };
}

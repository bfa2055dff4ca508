/**
 * How the executor creates, updates and deletes one resource, whatever its kind: an Orch type through the
 * CloudFormation request protocol (local/protocol), a native type through the SDK (local/engine/native), or a test's
 * own. The executor knows only this interface, so its order, parallelism and rollback are tested without AWS.
 */

/** What `Ref` and `Fn::GetAtt` of a deployed resource give, and what its later update and delete need. */
export interface Provisioned {
  /** `Ref`'s value. */
  readonly physicalId: string;
  /**
   * `Fn::GetAtt` values. Nested values are kept nested (an Orch type's `Outputs: { Accuracy: '0.91' }`); the
   * executor's resolver reads `Outputs.Accuracy` as that exact key first, then as a path into the value.
   */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Whatever the provisioner needs back for update and delete (an Orch type's resource model); opaque to the executor. */
  readonly model?: Readonly<Record<string, unknown>>;
}

export interface ProvisionTarget {
  readonly stackName: string;
  readonly stackId: string;
  readonly logicalId: string;
  readonly type: string;
}

export interface CreateRequest extends ProvisionTarget {
  /** Evaluated properties: every intrinsic resolved, AWS::NoValue keys gone. */
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface UpdateRequest extends CreateRequest {
  readonly previous: Provisioned;
  readonly previousProperties: Readonly<Record<string, unknown>>;
}

export interface DeleteRequest extends ProvisionTarget {
  readonly deployed: Provisioned;
  /** The properties the resource was last created or updated with. */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** What a create has started, once the provisioner knows it (an Orch handler's first IN_PROGRESS carries the primary identifier). */
export interface StartedResource {
  readonly physicalId: string;
  readonly model?: Readonly<Record<string, unknown>>;
}

/**
 * A note a provisioner gives while it works (an Orch handler's IN_PROGRESS), shown as a resource's status reason.
 * `started` (optional) tells the executor what a create has begun: it is journalled, so that after a crash the
 * next deploy can delete the half-created resource instead of leaving it behind.
 */
export type ProgressNote = (reason: string, started?: StartedResource) => void;

export interface ResourceProvisioner {
  create(request: CreateRequest, progress: ProgressNote): Promise<Provisioned>;
  /** In place: the executor replaces (create, then delete at cleanup) when a create-only property changed. */
  update(request: UpdateRequest, progress: ProgressNote): Promise<Provisioned>;
  /** Deleting what is already gone succeeds, as CloudFormation's delete does. */
  delete(request: DeleteRequest, progress: ProgressNote): Promise<void>;
}

/** The provisioner for a type, or undefined when the engine cannot create it (the executor refuses before creating anything). */
export type ProvisionerFor = (typeName: string) => ResourceProvisioner | undefined;

/**
 * A resource operation failed for a reason the user can act on. `reason` is CloudFormation's status reason: it names
 * the property or resource at fault, never a stack trace. `errorCode` is the handler's HandlerErrorCode, when one answered.
 */
export class ProvisionError extends Error {
  constructor(
    readonly logicalId: string,
    readonly reason: string,
    readonly errorCode?: string,
  ) {
    super(`${logicalId}: ${reason}`);
    this.name = 'ProvisionError';
  }
}

import type { Provisioned } from '../deploy/provisioner';
import type { StackStatus } from '../deploy/stack-events';

/** One resource of a stack as deployed: what its update, delete and the stack's Ref/GetAtt need. */
export interface DeployedResource extends Provisioned {
  readonly logicalId: string;
  readonly type: string;
  /** The evaluated properties it was last created or updated with (compared on the next deploy). */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
  /** Logical ids it depends on, kept so a delete needs no template. */
  readonly dependsOn: readonly string[];
}

export interface DeployedOutput {
  readonly value: unknown;
  readonly description?: string;
  readonly exportName?: string;
}

/**
 * What the state directory keeps for one stack (`<state>/stacks/<name>/stack.json`), written whole and renamed into
 * place, so a crash leaves the last complete record. `inFlight` is set while an operation runs: a later deploy reads
 * it to resume or roll back what a killed one left.
 */
export interface StackRecord {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: StackStatus;
  readonly statusReason?: string;
  /** The long-form template body and the parameter values of the last successful deploy. */
  readonly template: Readonly<Record<string, unknown>>;
  readonly parameters: Readonly<Record<string, string>>;
  readonly resources: Readonly<Record<string, DeployedResource>>;
  readonly outputs: Readonly<Record<string, DeployedOutput>>;
  /** Export names this stack's template imports (Fn::ImportValue): the exporting stack cannot be deleted meanwhile. */
  readonly imports: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly inFlight?: InFlightOperation;
}

/** The journal of a running operation: enough to undo it after a crash. */
export interface InFlightOperation {
  readonly kind: 'create' | 'update' | 'delete';
  readonly pid: number;
  readonly startedAt: string;
  /** Resources this operation started creating (created or maybe half-created). */
  readonly creating: readonly string[];
  /** Resources this operation updated in place, with what they were before. */
  readonly updated: Readonly<Record<string, DeployedResource>>;
  /** Resources replaced by this operation: the old ones, deleted at cleanup. */
  readonly replaced: Readonly<Record<string, DeployedResource>>;
  /**
   * Creates in `creating` not finished yet, as declared; `physicalId` is empty until the provisioner says what it
   * started (ProgressNote's `started`), so that after a crash the half-created resource can be deleted.
   */
  readonly started?: Readonly<Record<string, DeployedResource>>;
  /** Set once an update succeeded and its cleanup runs: a crash from here on finishes the cleanup instead of rolling back. */
  readonly cleanup?: boolean;
  /** Resources the update removed from the template, deleted at cleanup. */
  readonly removing?: readonly string[];
}

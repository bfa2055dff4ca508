/**
 * The executor's entry points, as the CLI, the demo, tests and bench call them. Implemented in deploy-stack.ts and
 * delete-stack.ts.
 */
import type { TypeCatalog } from '../types/catalog';
import type { ProvisionerFor } from './provisioner';
import type { EventSink, StackStatus } from './stack-events';
import type { DeployedOutput, DeployedResource } from '../state/stack-record';

export interface EngineOptions {
  /** Where stack records, events, locks and exports live (`ORCH_STATE_DIR`, or `.orch` in the working directory). */
  readonly stateDir: string;
  readonly catalog: TypeCatalog;
  readonly provisioners: ProvisionerFor;
  readonly region: string;
  readonly accountId: string;
  readonly onEvent?: EventSink;
  /** How many resource operations run at once; CloudFormation's is large. @default 50 */
  readonly concurrency?: number;
  /**
   * Cancels the operation (the CLI aborts it on Ctrl-C): no new resource operation starts, those running finish,
   * and a create or update rolls back with the signal's reason, as CloudFormation's CancelUpdateStack does.
   * @default not cancellable
   */
  readonly signal?: AbortSignal;
  /**
   * Reads an SSM parameter's value (undefined when it does not exist), for `AWS::SSM::Parameter::Value<...>`
   * parameters such as CDK's BootstrapVersion. @default such parameters are refused, naming them
   */
  readonly readSsmParameter?: (name: string) => Promise<string | undefined>;
}

export interface DeployOptions extends EngineOptions {
  readonly stackName: string;
  /** A YAML or JSON template file; parsed with local/engine/template/load.ts, so messages name line and column. */
  readonly templateFile: string;
  readonly parameters?: Readonly<Record<string, string>>;
  /** Keep what was created when a create fails (CloudFormation's --disable-rollback). @default false */
  readonly disableRollback?: boolean;
}

/** A stack's state after an operation: what `orch deploy --json` prints. */
export interface StackResult {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: StackStatus;
  /** The first failure's reason, when the operation failed. */
  readonly statusReason?: string;
  readonly outputs: Readonly<Record<string, DeployedOutput>>;
  readonly resources: Readonly<Record<string, DeployedResource>>;
}

/** Status of an operation that ended as the user asked: the CLI exits 0 on these, non-zero on any other. */
export const SUCCESS_STATUSES: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE'];

/**
 * Thrown before anything is created or changed: an invalid template (with its diagnostics, file:line:col), a stack
 * locked by a running deploy, an unsupported type, a delete refused because another stack imports an export.
 */
export class StackOperationRefused extends Error {
  constructor(
    message: string,
    /** Each problem as `orch validate` prints it. */
    readonly problems: readonly string[] = [],
    /**
     * Why: `invalid` (the template or its parameters: fix them), `locked` (another operation runs on the stack),
     * `in-use` (another stack imports an export), `state` (no such stack, or one that must be deleted first).
     */
    readonly kind?: RefusalKind,
  ) {
    super(message);
    this.name = 'StackOperationRefused';
  }
}

export type RefusalKind = 'invalid' | 'locked' | 'in-use' | 'state';

export type DeployStack = (options: DeployOptions) => Promise<StackResult>;
export type DeleteStack = (options: EngineOptions & { readonly stackName: string }) => Promise<StackResult>;

import { appendEvent, writeStack } from '../state/stack-store';
import type { DeployedOutput, DeployedResource, InFlightOperation, StackRecord } from '../state/stack-record';
import { failureReason, ResourceFailed } from './failure';
import type { ProvisionTarget, ResourceProvisioner, StartedResource } from './provisioner';
import { ResourceStatus, STACK_TYPE, StackEvent, StackStatus } from './stack-events';
import type { EngineOptions } from './stack-operations';

/** How a resource is declared, besides its type and properties: kept with it in the record. */
export interface ResourceDeclaration {
  readonly type: string;
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
  readonly dependsOn: readonly string[];
}

interface Journal {
  kind: InFlightOperation['kind'];
  pid: number;
  startedAt: string;
  creating: Set<string>;
  updated: Map<string, DeployedResource>;
  replaced: Map<string, DeployedResource>;
  started: Map<string, DeployedResource>;
  cleanup: boolean;
  removing: string[];
}

/** CloudFormation's reason on the event of a replacement's create. */
export const REPLACEMENT_REASON = 'Requested update requires the creation of a new physical resource; hence creating one.';

/**
 * One stack while an operation runs on it: the resources as they stand, the journal of what this operation did
 * (written to the record before each step, so a crash leaves enough to undo it), and the events. Every change is
 * persisted at once with a synchronous write-then-rename, so concurrent resource operations never interleave a write.
 */
export class StackOperation {
  readonly resources: Map<string, DeployedResource>;
  status: StackStatus;
  statusReason: string | undefined;
  template: Record<string, unknown>;
  parameters: Record<string, string>;
  outputs: Record<string, DeployedOutput>;
  imports: string[];
  private journal: Journal | undefined;
  private readonly createdAt: string;

  constructor(
    readonly options: EngineOptions,
    readonly stackName: string,
    readonly stackId: string,
    record: StackRecord | undefined,
  ) {
    this.resources = new Map(Object.entries(record?.resources ?? {}));
    this.status = record?.status ?? 'CREATE_IN_PROGRESS';
    this.statusReason = record?.statusReason;
    this.template = { ...(record?.template ?? {}) };
    this.parameters = { ...(record?.parameters ?? {}) };
    this.outputs = { ...(record?.outputs ?? {}) };
    this.imports = [...(record?.imports ?? [])];
    this.createdAt = record?.createdAt ?? new Date().toISOString();
    if (record?.inFlight) this.journal = fromRecord(record.inFlight);
  }

  /** The journal of the running (or, after a crash, the interrupted) operation. */
  get inFlight(): Readonly<Journal> | undefined {
    return this.journal;
  }

  begin(kind: InFlightOperation['kind'], status: StackStatus, reason?: string): void {
    this.journal = { kind, pid: process.pid, startedAt: new Date().toISOString(), creating: new Set(), updated: new Map(), replaced: new Map(), started: new Map(), cleanup: false, removing: [] };
    this.setStatus(status, reason);
  }

  /** The update succeeded: from here a crash finishes the cleanup of `removing` and the replaced resources. */
  beginCleanup(status: StackStatus, removing: readonly string[]): void {
    const journal = this.requireJournal();
    journal.cleanup = true;
    journal.removing = [...removing];
    this.setStatus(status);
  }

  /** Ends the operation: no journal left, the record says what the stack is now. */
  end(status: StackStatus, statusReason?: string): void {
    this.journal = undefined;
    this.statusReason = statusReason;
    this.setStatus(status, statusReason);
  }

  setStatus(status: StackStatus, reason?: string): void {
    this.status = status;
    this.persist();
    this.emit({ logicalId: this.stackName, type: STACK_TYPE, physicalId: this.stackId, status, reason });
  }

  record(): StackRecord {
    const journal = this.journal;
    return {
      stackName: this.stackName,
      stackId: this.stackId,
      status: this.status,
      ...(this.statusReason !== undefined ? { statusReason: this.statusReason } : {}),
      template: this.template,
      parameters: this.parameters,
      resources: Object.fromEntries(this.resources),
      outputs: this.outputs,
      imports: this.imports,
      createdAt: this.createdAt,
      updatedAt: new Date().toISOString(),
      ...(journal
        ? {
            inFlight: {
              kind: journal.kind,
              pid: journal.pid,
              startedAt: journal.startedAt,
              creating: [...journal.creating],
              updated: Object.fromEntries(journal.updated),
              replaced: Object.fromEntries(journal.replaced),
              started: Object.fromEntries(journal.started),
              cleanup: journal.cleanup,
              removing: journal.removing,
            },
          }
        : {}),
    };
  }

  persist(): void {
    writeStack(this.options.stateDir, this.record());
  }

  emit(event: Omit<StackEvent, 'timestamp' | 'stackName' | 'stackId'>): void {
    const full: StackEvent = {
      timestamp: new Date().toISOString(),
      stackName: this.stackName,
      stackId: this.stackId,
      ...Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)),
    } as StackEvent;
    appendEvent(this.options.stateDir, full);
    this.options.onEvent?.(full);
  }

  private resourceEvent(logicalId: string, type: string, status: ResourceStatus, physicalId?: string, reason?: string): void {
    this.emit({ logicalId, type, physicalId, status, reason });
  }

  private target(logicalId: string, type: string): ProvisionTarget {
    return { stackName: this.stackName, stackId: this.stackId, logicalId, type };
  }

  private provisioner(type: string): ResourceProvisioner {
    const found = this.options.provisioners(type);
    if (found) return found;
    // The catalog's inert types (AWS::CDK::Metadata) need no service; the deploy refused any other unknown type up front.
    if (this.options.catalog.tryGet(type)?.inert) return INERT;
    throw new Error(`no provisioner for ${type}`);
  }

  /** Drops what rollback or cleanup has dealt with from the journal, so a crash during either does not redo it. */
  settle(logicalId: string): void {
    const journal = this.requireJournal();
    journal.creating.delete(logicalId);
    journal.started.delete(logicalId);
    journal.updated.delete(logicalId);
    journal.replaced.delete(logicalId);
    journal.removing = journal.removing.filter((id) => id !== logicalId);
    this.persist();
  }

  private requireJournal(): Journal {
    if (!this.journal) throw new Error(`no operation is running on stack ${this.stackName}`);
    return this.journal;
  }

  /** A failed step: its event, then a ResourceFailed the scheduler records as this resource's failure. */
  fail(logicalId: string, type: string, status: ResourceStatus, error: unknown): never {
    const reason = typeof error === 'string' ? error : failureReason(error);
    this.resourceEvent(logicalId, type, status, this.resources.get(logicalId)?.physicalId, reason);
    throw new ResourceFailed(logicalId, reason);
  }

  private progress(logicalId: string, type: string, status: ResourceStatus, journalStart: boolean) {
    return (reason: string, started?: StartedResource) => {
      const pending = this.journal?.started.get(logicalId);
      if (started && journalStart && pending) {
        this.journal!.started.set(logicalId, { ...pending, physicalId: started.physicalId, ...(started.model ? { model: started.model } : {}) });
        this.persist();
      }
      if (reason) this.resourceEvent(logicalId, type, status, started?.physicalId, reason);
    };
  }

  async create(logicalId: string, declaration: ResourceDeclaration, properties: Record<string, unknown>, reason?: string): Promise<void> {
    const { type } = declaration;
    const replacing = this.resources.get(logicalId);
    const journal = this.requireJournal();
    if (replacing) journal.replaced.set(logicalId, replacing);
    journal.creating.add(logicalId);
    journal.started.set(logicalId, { ...declaration, logicalId, properties, physicalId: '', attributes: {} });
    this.persist();
    const status = replacing ? 'UPDATE' : 'CREATE';
    this.resourceEvent(logicalId, type, `${status}_IN_PROGRESS`, undefined, reason);
    try {
      const made = await this.provisioner(type).create({ ...this.target(logicalId, type), properties }, this.progress(logicalId, type, `${status}_IN_PROGRESS`, true));
      this.resources.set(logicalId, { ...declaration, ...made, logicalId, properties });
      journal.started.delete(logicalId);
      this.persist();
      this.resourceEvent(logicalId, type, `${status}_COMPLETE`, made.physicalId);
    } catch (e) {
      this.fail(logicalId, type, `${status}_FAILED`, e);
    }
  }

  async update(logicalId: string, declaration: ResourceDeclaration, properties: Record<string, unknown>): Promise<void> {
    const { type } = declaration;
    const previous = this.resources.get(logicalId);
    if (!previous) throw new Error(`${logicalId} is not deployed`);
    const journal = this.requireJournal();
    if (!journal.updated.has(logicalId)) journal.updated.set(logicalId, previous);
    this.persist();
    this.resourceEvent(logicalId, type, 'UPDATE_IN_PROGRESS', previous.physicalId);
    try {
      const made = await this.provisioner(type).update(
        { ...this.target(logicalId, type), properties, previous, previousProperties: previous.properties },
        this.progress(logicalId, type, 'UPDATE_IN_PROGRESS', false),
      );
      this.resources.set(logicalId, { ...declaration, ...made, logicalId, properties });
      this.persist();
      this.resourceEvent(logicalId, type, 'UPDATE_COMPLETE', made.physicalId);
    } catch (e) {
      this.fail(logicalId, type, 'UPDATE_FAILED', e);
    }
  }

  /** Restores `before` (a rollback's update back), from whatever the resource is now. */
  async restore(before: DeployedResource): Promise<void> {
    const { logicalId, type } = before;
    const current = this.resources.get(logicalId) ?? before;
    this.resourceEvent(logicalId, type, 'UPDATE_IN_PROGRESS', current.physicalId);
    try {
      const made = await this.provisioner(type).update(
        { ...this.target(logicalId, type), properties: before.properties, previous: current, previousProperties: current.properties },
        this.progress(logicalId, type, 'UPDATE_IN_PROGRESS', false),
      );
      this.resources.set(logicalId, { ...before, ...made });
      this.persist();
      this.resourceEvent(logicalId, type, 'UPDATE_COMPLETE', made.physicalId);
    } catch (e) {
      this.fail(logicalId, type, 'UPDATE_FAILED', e);
    }
  }

  /**
   * Deletes one resource, or skips it when `retainReason` says it stays (DeletionPolicy Retain). The caller decides
   * what the record holds afterwards.
   */
  async delete(resource: DeployedResource, retainReason?: string): Promise<void> {
    const { logicalId, type } = resource;
    if (retainReason !== undefined) return this.resourceEvent(logicalId, type, 'DELETE_SKIPPED', resource.physicalId, retainReason);
    this.resourceEvent(logicalId, type, 'DELETE_IN_PROGRESS', resource.physicalId);
    try {
      await this.provisioner(type).delete(
        { ...this.target(logicalId, type), deployed: resource, properties: resource.properties },
        this.progress(logicalId, type, 'DELETE_IN_PROGRESS', false),
      );
      this.resourceEvent(logicalId, type, 'DELETE_COMPLETE', resource.physicalId);
    } catch (e) {
      this.fail(logicalId, type, 'DELETE_FAILED', e);
    }
  }

  /** A resource that was never made (its create failed before it had an identifier): CloudFormation shows it deleted. */
  nothingToDelete(logicalId: string, type: string, reason?: string): void {
    this.resourceEvent(logicalId, type, reason ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE', undefined, reason);
  }
}

const INERT: ResourceProvisioner = {
  create: async ({ logicalId }) => ({ physicalId: logicalId, attributes: {} }),
  update: async ({ previous }) => previous,
  delete: async () => undefined,
};

function fromRecord(inFlight: InFlightOperation): Journal {
  return {
    kind: inFlight.kind,
    pid: inFlight.pid,
    startedAt: inFlight.startedAt,
    creating: new Set(inFlight.creating),
    updated: new Map(Object.entries(inFlight.updated)),
    replaced: new Map(Object.entries(inFlight.replaced)),
    started: new Map(Object.entries(inFlight.started ?? {})),
    cleanup: inFlight.cleanup ?? false,
    removing: [...(inFlight.removing ?? [])],
  };
}

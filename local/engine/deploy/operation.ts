import { appendEvent } from '../state/stack-store';
import type { DeployedOutput, DeployedResource, InFlightOperation, StackRecord } from '../state/stack-record';
import { failureReason, ResourceFailed } from './failure';
import { Journal, journalFromRecord, journalToRecord, newJournal } from './journal';
import { RecordWriter } from './record-writer';
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

/** CloudFormation's reason on the event of a replacement's create. */
export const REPLACEMENT_REASON = 'Requested update requires the creation of a new physical resource; hence creating one.';

/**
 * One stack while an operation runs on it: the resources as they stand, the journal of what this operation did
 * (on disk before each provisioner call, so a crash leaves enough to undo it), and the events. All of it runs on
 * one thread, and each record write is whole, so concurrent resource operations never interleave a write.
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
  private readonly writer: RecordWriter;

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
    if (record?.inFlight) this.journal = journalFromRecord(record.inFlight);
    this.writer = new RecordWriter(options.stateDir, () => this.record());
  }

  /** The journal of the running (or, after a crash, the interrupted) operation. */
  get inFlight(): Readonly<Journal> | undefined {
    return this.journal;
  }

  begin(kind: InFlightOperation['kind'], status: StackStatus, reason?: string): void {
    this.journal = newJournal(kind);
    this.setStatus(status, reason);
  }

  /** The update succeeded: from here a crash finishes the cleanup of `removing` and the replaced resources. */
  beginCleanup(status: StackStatus, removing: readonly string[]): void {
    const journal = this.requireJournal();
    journal.cleanup = true;
    journal.removing = [...removing];
    this.setStatus(status);
  }

  /** Ends the operation: no journal left, the record says what the stack is now. The event's reason may say more. */
  end(status: StackStatus, statusReason?: string, eventReason = statusReason): void {
    this.journal = undefined;
    this.statusReason = statusReason;
    this.setStatus(status, eventReason);
  }

  setStatus(status: StackStatus, reason?: string): void {
    this.status = status;
    this.flush();
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
      ...(journal ? { inFlight: journalToRecord(journal) } : {}),
    };
  }

  /** Writes the record soon (coalesced with others finishing together). */
  persist(): void {
    this.writer.persist();
  }

  /** Resolves once the record as it is now is on disk: before a provisioner call the journal must survive a crash. */
  durable(): Promise<void> {
    return this.writer.durable();
  }

  /** Writes the record now (status changes, the end of an operation). */
  flush(): void {
    this.writer.flush();
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
    let last: string | undefined;
    let physicalId = this.resources.get(logicalId)?.physicalId;
    return (reason: string, started?: StartedResource) => {
      if (started) physicalId = started.physicalId;
      const pending = this.journal?.started.get(logicalId);
      if (started && journalStart && pending) {
        this.journal!.started.set(logicalId, { ...pending, physicalId: started.physicalId, ...(started.model ? { model: started.model } : {}) });
        this.persist();
      }
      // A handler polled every few seconds repeats its note: the history keeps each note once, until it changes.
      if (reason && reason !== last) this.resourceEvent(logicalId, type, status, physicalId, reason);
      last = reason || last;
    };
  }

  async create(logicalId: string, declaration: ResourceDeclaration, properties: Record<string, unknown>, reason?: string): Promise<void> {
    const { type } = declaration;
    const replacing = this.resources.get(logicalId);
    const journal = this.requireJournal();
    if (replacing) journal.replaced.set(logicalId, replacing);
    journal.creating.add(logicalId);
    journal.started.set(logicalId, { ...declaration, logicalId, properties, physicalId: '', attributes: {} });
    await this.durable();
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
    await this.durable();
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

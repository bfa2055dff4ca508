import { loadTemplate } from '../../../local/engine/template/load';
import { STACK_TYPE, StackEvent, StackStatus } from '../../../local/engine/deploy/stack-events';
import { DeployOptions, EngineOptions, StackOperationRefused, StackResult } from '../../../local/engine/deploy/stack-operations';
import type { DeployedOutput, DeployedResource, StackRecord } from '../../../local/engine/state/stack-record';
import type { CliEngine, EngineSession } from '../../../local/cli/engine';

export interface FakeBehaviour {
  /** The resource whose create fails, with this reason: the fake rolls back and ends ROLLBACK_COMPLETE. */
  failing?: { logicalId: string; reason: string };
  /** Thrown by deploy or delete before any event, as the engine refuses. */
  refuse?: StackOperationRefused;
  /** Thrown by openSession, as resolveAwsEnvironment throws NoLocalAws. */
  noLocalAws?: boolean;
  /** The resource whose create never ends, as a long task's (the process must be stopped). */
  hangAt?: string;
  /** Progress notes given while each resource is in progress. */
  notes?: Record<string, string>;
}

/**
 * An engine that runs no AWS: deploy walks the template's resources in order, emitting CloudFormation's events with
 * timestamps one second apart from a fixed start, so the CLI's output can be compared whole.
 */
export class FakeEngine implements CliEngine {
  readonly records = new Map<string, StackRecord>();
  readonly history = new Map<string, StackEvent[]>();
  readonly deploys: DeployOptions[] = [];
  readonly deletes: string[] = [];
  sessionsOpened = 0;
  sessionsClosed = 0;
  private clock = Date.parse('2026-12-01T15:00:00.000Z');

  constructor(
    readonly stateDir: string,
    public behaviour: FakeBehaviour = {},
  ) {}

  stateDirectory(): string {
    return this.stateDir;
  }

  async openSession(stateDir: string): Promise<EngineSession> {
    if (this.behaviour.noLocalAws) throw Object.assign(new Error('no local AWS to deploy to: run `orch up`'), { name: 'NoLocalAws' });
    this.sessionsOpened++;
    const options = { stateDir, catalog: undefined as unknown as EngineOptions['catalog'], provisioners: () => undefined, region: 'us-east-1', accountId: '123456789012' };
    return { options, awsSource: 'the fake', close: async () => void this.sessionsClosed++ };
  }

  readStack = (_stateDir: string, name: string) => this.records.get(name);
  listStacks = () => [...this.records.values()].sort((a, b) => a.stackName.localeCompare(b.stackName));
  readEvents = (_stateDir: string, name: string) => this.history.get(name) ?? [];

  private emit(options: EngineOptions, stackName: string, logicalId: string, type: string, status: StackEvent['status'], reason?: string): void {
    const event: StackEvent = { timestamp: new Date(this.clock).toISOString(), stackName, logicalId, type, status, ...(reason ? { reason } : {}) };
    this.clock += 1000;
    this.history.set(stackName, [...(this.history.get(stackName) ?? []), event]);
    options.onEvent?.(event);
  }

  deployStack = async (options: DeployOptions): Promise<StackResult> => {
    this.deploys.push(options);
    if (this.behaviour.refuse) throw this.behaviour.refuse;
    const { stackName } = options;
    const body = loadTemplate(options.templateFile).body;
    const resources = Object.entries(body.Resources as Record<string, { Type: string }>);
    const existing = this.records.get(stackName);
    const verb = existing ? 'UPDATE' : 'CREATE';
    const stack = (status: string, reason?: string) => this.emit(options, stackName, stackName, STACK_TYPE, status as StackStatus, reason);
    stack(`${verb}_IN_PROGRESS`);
    const done: Record<string, DeployedResource> = {};
    for (const [logicalId, { Type }] of resources) {
      const event = (status: string, reason?: string) => this.emit(options, stackName, logicalId, Type, status as StackStatus, reason);
      event(`${verb}_IN_PROGRESS`);
      if (this.behaviour.notes?.[logicalId]) event(`${verb}_IN_PROGRESS`, this.behaviour.notes[logicalId]);
      if (this.behaviour.hangAt === logicalId) await new Promise(() => setInterval(() => undefined, 60_000));
      if (this.behaviour.failing?.logicalId === logicalId) {
        const reason = this.behaviour.failing.reason;
        event(`${verb}_FAILED`, reason);
        stack('ROLLBACK_IN_PROGRESS', `The following resource(s) failed to create: [${logicalId}]. Rollback requested by user.`);
        for (const id of Object.keys(done).reverse()) {
          this.emit(options, stackName, id, done[id].type, 'DELETE_IN_PROGRESS');
          this.emit(options, stackName, id, done[id].type, 'DELETE_COMPLETE');
        }
        stack('ROLLBACK_COMPLETE');
        return this.keep({ stackName, stackId: `fake/${stackName}`, status: 'ROLLBACK_COMPLETE', statusReason: `${logicalId}: ${reason}`, outputs: {}, resources: {} });
      }
      event(`${verb}_COMPLETE`);
      done[logicalId] = { logicalId, type: Type, physicalId: `${stackName}-${logicalId.toLowerCase()}`, attributes: { Arn: `arn:fake:${logicalId}` }, properties: {}, deletionPolicy: 'Delete', updateReplacePolicy: 'Delete', dependsOn: [] };
    }
    stack(`${verb}_COMPLETE`);
    const outputs: Record<string, DeployedOutput> = {};
    for (const [name, output] of Object.entries((body.Outputs ?? {}) as Record<string, { Value: unknown; Export?: { Name: string } }>)) {
      outputs[name] = { value: output.Value, ...(output.Export ? { exportName: output.Export.Name } : {}) };
    }
    return this.keep({ stackName, stackId: `fake/${stackName}`, status: `${verb}_COMPLETE`, outputs, resources: done });
  };

  deleteStack = async (options: EngineOptions & { stackName: string }): Promise<StackResult> => {
    this.deletes.push(options.stackName);
    if (this.behaviour.refuse) throw this.behaviour.refuse;
    const record = this.records.get(options.stackName)!;
    const { stackName } = options;
    this.emit(options, stackName, stackName, STACK_TYPE, 'DELETE_IN_PROGRESS');
    for (const r of Object.values(record.resources).reverse()) {
      this.emit(options, stackName, r.logicalId, r.type, 'DELETE_IN_PROGRESS');
      this.emit(options, stackName, r.logicalId, r.type, 'DELETE_COMPLETE');
    }
    this.emit(options, stackName, stackName, STACK_TYPE, 'DELETE_COMPLETE');
    this.records.delete(stackName);
    return { stackName, stackId: record.stackId, status: 'DELETE_COMPLETE', outputs: {}, resources: {} };
  };

  private keep(result: StackResult): StackResult {
    const now = new Date(this.clock).toISOString();
    this.records.set(result.stackName, {
      ...result,
      template: {},
      parameters: {},
      imports: [],
      createdAt: this.records.get(result.stackName)?.createdAt ?? now,
      updatedAt: now,
    });
    return result;
  }
}

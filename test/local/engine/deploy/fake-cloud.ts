import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProgressNote, Provisioned, ProvisionError, ProvisionerFor, ResourceProvisioner } from '../../../../local/engine/deploy';
import { NATIVE_TYPES } from '../../../../local/engine/types/native-types';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import { ResourceTypeSpec } from '../../../../local/engine/types/resource-type';

/** A type the executor tests provision with the fake: any properties, `Name` create-only, any attribute readable. */
export const FAKE_TYPE = 'Test::Fake::Thing';

const fakeSpec: ResourceTypeSpec = {
  typeName: FAKE_TYPE,
  kind: 'native',
  propertiesSchema: { type: 'object', properties: { Name: { type: 'string' } }, additionalProperties: true },
  readOnlyProperties: [],
  createOnlyProperties: ['Name'],
  checkAttribute: () => undefined,
  attributeType: () => undefined,
};

/** The fake type and the native ones (so a template can mix them; they run through the fake too). */
export function fakeCatalog(): TypeCatalog {
  return new TypeCatalog([fakeSpec, ...NATIVE_TYPES]);
}

export type Action = 'create' | 'update' | 'delete';

/** One provisioner call, with when it started and ended (performance.now(), this process). */
export interface Call {
  readonly logicalId: string;
  readonly action: Action;
  readonly physicalId: string;
  readonly properties: Record<string, unknown>;
  readonly start: number;
  end?: number;
  failed?: boolean;
}

interface LiveResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
}

export interface FakeCloudOptions {
  /** Keep what exists in this JSON file (written at each change), so another process's resources can be inspected. */
  readonly stateFile?: string;
  /** Milliseconds each call takes, by logical id (`*` for all). */
  readonly delays?: Record<string, number>;
}

/**
 * An in-memory cloud: every resource the provisioners create exists here until deleted, every call is recorded
 * with its start and end, and a call fails when told to. Attributes: Arn, Name, Value, and a nested Outputs.
 */
export class FakeCloud {
  readonly calls: Call[] = [];
  readonly live = new Map<string, LiveResource>();
  private readonly failures = new Map<string, { action: Action; reason: string }>();
  private readonly holds = new Map<string, { other: string; action: Action }>();
  private readonly finished = new EventEmitter();
  private counter = 0;
  private running = 0;
  maxInFlight = 0;
  /** Progress notes every create gives, in order. */
  notes: string[] = [];
  delays: Record<string, number>;

  constructor(private readonly options: FakeCloudOptions = {}) {
    this.delays = { ...(options.delays ?? {}) };
    if (options.stateFile && existsSync(options.stateFile)) {
      const saved = JSON.parse(readFileSync(options.stateFile, 'utf8')) as { counter: number; live: Record<string, LiveResource> };
      this.counter = saved.counter;
      for (const [id, resource] of Object.entries(saved.live)) this.live.set(id, resource);
    }
  }

  /** The next `action` on `logicalId` fails with `reason`. */
  failNext(logicalId: string, action: Action, reason: string): void {
    this.failures.set(logicalId, { action, reason });
  }

  /**
   * `logicalId`'s calls do not finish before `other` has finished `action`: an engine that waited for `logicalId`
   * before starting `other` would hang (the hold gives up after 10 s and fails the call instead).
   */
  holdUntil(logicalId: string, other: string, action: Action): void {
    this.holds.set(logicalId, { other, action });
  }

  private async waitForHold(logicalId: string): Promise<void> {
    const hold = this.holds.get(logicalId);
    if (!hold || this.calls.some((c) => c.logicalId === hold.other && c.action === hold.action && c.end !== undefined)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${logicalId} waited in vain for ${hold.other} to ${hold.action}`)), 10_000);
      this.finished.on(`${hold.other} ${hold.action}`, () => (clearTimeout(timer), resolve()));
    });
  }

  readonly provisioners: ProvisionerFor = (type) => (type === FAKE_TYPE || NATIVE_TYPES.some((t) => t.typeName === type) ? this.provisioner : undefined);

  callsOf(logicalId: string, action?: Action): Call[] {
    return this.calls.filter((c) => c.logicalId === logicalId && (action === undefined || c.action === action));
  }

  only(logicalId: string, action: Action): Call {
    const found = this.callsOf(logicalId, action);
    if (found.length !== 1) throw new Error(`expected one ${action} of ${logicalId}, got ${found.length}`);
    return found[0];
  }

  liveNames(): string[] {
    return [...this.live.values()].map((r) => r.logicalId).sort();
  }

  private save(): void {
    const file = this.options.stateFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ counter: this.counter, live: Object.fromEntries(this.live) }));
    renameSync(`${file}.tmp`, file);
  }

  private async call(logicalId: string, action: Action, physicalId: string, properties: Record<string, unknown>, work: () => void): Promise<void> {
    const call: Call = { logicalId, action, physicalId, properties, start: performance.now() };
    this.calls.push(call);
    this.running++;
    this.maxInFlight = Math.max(this.maxInFlight, this.running);
    try {
      const delay = this.delays[logicalId] ?? this.delays['*'] ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      else await Promise.resolve();
      await this.waitForHold(logicalId);
      const failure = this.failures.get(logicalId);
      if (failure?.action === action) {
        this.failures.delete(logicalId);
        call.failed = true;
        throw new ProvisionError(logicalId, failure.reason, 'InvalidRequest');
      }
      work();
      this.save();
    } finally {
      this.running--;
      call.end = performance.now();
      this.finished.emit(`${logicalId} ${action}`);
    }
  }

  private attributes(physicalId: string, properties: Record<string, unknown>): Record<string, unknown> {
    return { Arn: `arn:fake:${physicalId}`, Name: physicalId, Value: properties.Value ?? null, Outputs: { Accuracy: '0.91', Model: { uri: `s3://models/${physicalId}` } } };
  }

  private readonly provisioner: ResourceProvisioner = {
    create: async ({ logicalId, type, stackName, properties }, progress: ProgressNote): Promise<Provisioned> => {
      const physicalId = typeof properties.Name === 'string' ? `${properties.Name}-${++this.counter}` : `${stackName}-${logicalId}-${++this.counter}`;
      // The resource exists from the start, as a real one does while its create is followed.
      this.live.set(physicalId, { logicalId, type, properties: { ...properties } });
      this.save();
      progress('', { physicalId });
      for (const note of this.notes) progress(note);
      try {
        await this.call(logicalId, 'create', physicalId, { ...properties }, () => undefined);
      } catch (e) {
        this.live.delete(physicalId);
        this.save();
        throw e;
      }
      return { physicalId, attributes: this.attributes(physicalId, properties), model: { id: physicalId } };
    },
    update: async ({ logicalId, type, properties, previous }): Promise<Provisioned> => {
      const physicalId = previous.physicalId;
      await this.call(logicalId, 'update', physicalId, { ...properties }, () => this.live.set(physicalId, { logicalId, type, properties: { ...properties } }));
      return { physicalId, attributes: this.attributes(physicalId, properties), model: { id: physicalId } };
    },
    delete: async ({ logicalId, deployed }): Promise<void> => {
      await this.call(logicalId, 'delete', deployed.physicalId, {}, () => this.live.delete(deployed.physicalId));
    },
  };
}

/**
 * The provisioners the executor creates resources with: Orch types through their shipped bundles and the
 * CloudFormation request protocol, native types through the SDK, inert types as no-ops.
 */
import { join } from 'node:path';
import { typeFolders } from '../../../tools/type-folders';
import type { RecordedInvocation } from '../../protocol';
import { inProcessInvoker, Invoker, processInvoker } from '../../protocol';
import type { ProvisionerFor, ResourceProvisioner } from '../deploy/provisioner';
import { NATIVE_PROVIDERS, NativeClients, NativeEnvironment } from '../native';
import type { TypeCatalog } from '../types/catalog';
import { ensureBundle } from './bundles';
import { HandlerLogs } from './handler-log';
import { inertProvisioner, nativeProvisioner } from './native-provisioner';
import { orchProvisioner } from './orch-provisioner';
import { readTypeConfiguration } from './type-configuration';

export { ensureBundle, sourceHash } from './bundles';
export type { Bundle } from './bundles';
export { handlerFailureReason, progressNote } from './orch-provisioner';
export { nativeFailureReason } from './native-provisioner';
export { readTypeConfiguration, TYPE_CONFIGURATION_FILE } from './type-configuration';

export interface ProvisionersOptions {
  readonly stateDir: string;
  readonly catalog: TypeCatalog;
  readonly region: string;
  readonly accountId: string;
  /** Per type name, what SetTypeConfiguration would hold; `<stateDir>/type-configuration.json` when left out. */
  readonly typeConfiguration?: Record<string, Record<string, unknown>>;
  /** Multiplies every callbackDelaySeconds before waiting (tests); the schema's time limits still count full delays. */
  readonly delayScale?: number;
  /** Every handler invocation, with the resource it was for. */
  readonly onInvocation?: (logicalId: string, invocation: RecordedInvocation) => void;
  /**
   * `in-process` (default): each bundle is loaded once into this process, so the caller sets process.env to the
   * services' env first. `process`: a fresh `node` per request, as a Lambda cold start (slower; logs are dropped).
   */
  readonly invoker?: 'in-process' | 'process';
  /** How many times a request whose answer was lost is sent. @default 3 */
  readonly maxAttempts?: number;
}

export interface Provisioners {
  readonly provisioners: ProvisionerFor;
  close(): Promise<void>;
}

/** The partition and URL suffix a region belongs to, as `AWS::Partition` and `AWS::URLSuffix` give them. */
export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    // A failed load is tried again by the next operation instead of failing every later one.
    made ??= make().catch((err) => {
      made = undefined;
      throw err;
    });
    return made;
  };
}

/**
 * Provisioners for every type of `catalog` the engine can create. Bundles are built (into `<stateDir>/bundles`) on a
 * type's first operation, so a template of native resources builds none. Inline Lambda code goes to
 * `<stateDir>/functions` for the services daemon to serve; handler logs to `<stateDir>/logs/<type folder>.log`.
 */
export async function createProvisioners(options: ProvisionersOptions): Promise<Provisioners> {
  const configurations = options.typeConfiguration ?? readTypeConfiguration(options.stateDir);
  const folders = new Map(typeFolders().map((folder) => [String(folder.schema.typeName), folder]));
  const logs = new HandlerLogs(join(options.stateDir, 'logs'));
  const clients = new NativeClients({ region: options.region });
  const env: NativeEnvironment = { region: options.region, ...partitionOf(options.region), clients, codeDirectory: join(options.stateDir, 'functions') };
  const made = new Map<string, ResourceProvisioner | undefined>();

  const invokerOf = (folder: ReturnType<typeof typeFolders>[number]) =>
    once(async (): Promise<Invoker> => {
      const { file } = await ensureBundle(join(options.stateDir, 'bundles'), folder.dir, folder.schemaFile);
      if (options.invoker === 'process') return processInvoker(file);
      const bundle = require(file) as { entrypoint: Parameters<typeof inProcessInvoker>[0]; resource?: unknown };
      logs.redirect(bundle, folder.dir.split(/[\\/]/).pop()!);
      return inProcessInvoker(bundle.entrypoint);
    });

  const make = (typeName: string): ResourceProvisioner | undefined => {
    const spec = options.catalog.tryGet(typeName);
    if (!spec) return undefined;
    if (spec.inert) return inertProvisioner;
    if (spec.kind === 'native') {
      const provider = NATIVE_PROVIDERS.get(typeName);
      return provider && nativeProvisioner(provider, env);
    }
    const folder = folders.get(typeName);
    if (!folder) return undefined;
    return orchProvisioner({
      typeName,
      primaryIdentifier: ((folder.schema.primaryIdentifier ?? []) as string[]).map((pointer) => pointer.replace(/^\/properties\//, '')),
      readOnlyProperties: spec.readOnlyProperties,
      timeouts: spec.timeoutInMinutes,
      invoker: invokerOf(folder),
      typeConfiguration: configurations[typeName],
      region: options.region,
      accountId: options.accountId,
      delayScale: options.delayScale,
      maxAttempts: options.maxAttempts,
      onInvocation: options.onInvocation,
    });
  };

  return {
    provisioners: (typeName) => {
      if (!made.has(typeName)) made.set(typeName, make(typeName));
      return made.get(typeName);
    },
    close: async () => {
      clients.destroy();
      await logs.close();
    },
  };
}

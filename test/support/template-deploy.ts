/**
 * Plays CloudFormation for a synthesized template whose resources are all Orch types: each type's handlers bundled
 * as they ship (tools/bundle.ts), each resource created through local/protocol (CfnDriver) in dependency order with its
 * properties resolved from the resources created before it, then the stack's Outputs resolved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CfnDriver, DriverOptions, Entrypoint, OperationResult } from '../../local/protocol';
import { bundleType } from '../../tools/bundle';
import { typeFolders } from '../../tools/type-folders';
import { CreatedResource, creationOrder, resolve, SynthesizedTemplate } from './template-walk';

export interface BundledType {
  readonly typeName: string;
  readonly entrypoint: Entrypoint;
  readonly primaryIdentifier: string[];
}

/** Bundles every type's handlers into a temporary folder and loads each bundle's entrypoint; `close` removes it. */
export async function bundleTypes(): Promise<{ types: Map<string, BundledType>; close(): void }> {
  const out = mkdtempSync(join(tmpdir(), 'orch-e2e-bundles-'));
  const types = new Map<string, BundledType>();
  for (const folder of typeFolders()) {
    const file = await bundleType(folder.dir, join(out, basename(folder.dir)));
    const typeName = folder.schema.typeName as string;
    // The bundle is plain CommonJS, loaded the way Lambda's Node runtime loads it.
    const { entrypoint } = require(file) as { entrypoint: Entrypoint };
    const primaryIdentifier = (folder.schema.primaryIdentifier as string[]).map((pointer) => pointer.replace('/properties/', ''));
    types.set(typeName, { typeName, entrypoint, primaryIdentifier });
  }
  return { types, close: () => rmSync(out, { recursive: true, force: true }) };
}

export interface DeployedResource extends CreatedResource {
  readonly type: string;
  /** The properties the handler received, intrinsics resolved. */
  readonly properties: Record<string, unknown>;
  readonly result: OperationResult;
}

export interface DeployedStack {
  /** Logical ids in creation order. */
  readonly order: string[];
  readonly resources: Map<string, DeployedResource>;
  readonly outputs: Record<string, unknown>;
  /** Deletes every resource in reverse creation order, as CloudFormation deletes a stack; returns each result. */
  destroy(): Promise<Map<string, OperationResult>>;
}

export type DriverSettings = Omit<DriverOptions, 'entrypoint' | 'typeName' | 'primaryIdentifier'>;

/**
 * Creates the template's resources one after another (CloudFormation would run independent ones in parallel; the
 * order between dependents is what the test is about). A failed create throws, naming the resource.
 * `settings(typeName)` adds driver options per type, such as the git type's configuration.
 */
export async function deployTemplate(
  template: SynthesizedTemplate,
  types: ReadonlyMap<string, BundledType>,
  settings: (typeName: string) => DriverSettings = () => ({}),
): Promise<DeployedStack> {
  const order = creationOrder(template.Resources);
  const drivers = new Map<string, CfnDriver>();
  const driverOf = (typeName: string) => {
    const type = types.get(typeName);
    if (!type) throw new Error(`${typeName} is not one of the bundled types (${[...types.keys()].join(', ')})`);
    if (!drivers.has(typeName)) {
      drivers.set(typeName, new CfnDriver({ entrypoint: type.entrypoint, typeName, primaryIdentifier: type.primaryIdentifier, ...settings(typeName) }));
    }
    return { driver: drivers.get(typeName)!, type };
  };

  const resources = new Map<string, DeployedResource>();
  for (const logicalId of order) {
    const { Type, Properties = {} } = template.Resources[logicalId];
    const { driver, type } = driverOf(Type);
    const properties = resolve(Properties, resources, `${logicalId}.Properties`) as Record<string, unknown>;
    const result = await driver.create(logicalId, properties);
    if (result.status !== 'SUCCESS') throw new Error(`${logicalId} (${Type}) CREATE ${result.status}: ${result.errorCode}: ${result.message}`);
    const model = result.model!;
    resources.set(logicalId, { type: Type, properties, result, model, ref: String(model[type.primaryIdentifier[0]]) });
  }

  const outputs = Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([name, { Value }]) => [name, resolve(Value, resources, `Outputs.${name}`)]));

  return {
    order,
    resources,
    outputs,
    async destroy() {
      const results = new Map<string, OperationResult>();
      for (const logicalId of [...order].reverse()) {
        const { type, model } = resources.get(logicalId)!;
        results.set(logicalId, await driverOf(type).driver.delete(logicalId, model));
      }
      return results;
    },
  };
}

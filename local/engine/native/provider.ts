import { NativeClients } from './clients';
import type { LocalFunction } from '../../lambda-endpoint';

/** Template properties after the engine evaluated their intrinsics. */
export type Properties = Readonly<Record<string, unknown>>;

/** Where and for whom a provider works: the stack's region and partition, and the SDK clients reaching the local AWS. */
export interface NativeEnvironment {
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
  readonly clients: NativeClients;
  /**
   * Where inline Node.js functions (`Code.ZipFile`) are served for invocation, keyed by function name: the record a
   * loopback Lambda endpoint (local/lambda-endpoint.ts) answers from. The local AWS stores functions but cannot run them.
   */
  readonly localFunctions?: Record<string, LocalFunction>;
  /** The folder inline function code is unpacked into, one sub-folder per function. */
  readonly codeDirectory?: string;
}

export interface NativeCreate {
  readonly stackName: string;
  readonly logicalId: string;
  readonly properties: Properties;
}

export interface NativeUpdate extends NativeCreate {
  readonly physicalId: string;
  /** The properties the deployed resource was created or last updated with. */
  readonly previousProperties: Properties;
}

export interface NativeDelete {
  readonly stackName: string;
  readonly logicalId: string;
  readonly physicalId: string;
  /** The properties the deployed resource was last given: the delete needs some (a policy's roles, a bucket's region). */
  readonly properties: Properties;
}

/** A deployed resource: its physical id (what `Ref` gives) and its `Fn::GetAtt` attributes. */
export interface NativeResult {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * One native type. `update` changes the resource in place: the engine replaces it (create, then delete at cleanup)
 * when a create-only property changed, as local/engine/types/native-types.ts says. `delete` of something already gone
 * succeeds, as CloudFormation's does.
 */
export interface NativeProvider {
  readonly typeName: string;
  create(request: NativeCreate, env: NativeEnvironment): Promise<NativeResult>;
  update(request: NativeUpdate, env: NativeEnvironment): Promise<NativeResult>;
  delete(request: NativeDelete, env: NativeEnvironment): Promise<void>;
}

/** A native resource failed: the message names the logical id, the type and, where one is at fault, the property. */
export class NativeResourceError extends Error {
  constructor(
    readonly logicalId: string,
    readonly typeName: string,
    readonly property: string | undefined,
    readonly reason: string,
  ) {
    super(`${logicalId} (${typeName})${property ? `: ${property}` : ''}: ${reason}`);
    this.name = 'NativeResourceError';
  }
}

/** The name of an AWS SDK v3 service error (`NoSuchBucket`), or undefined for anything else. */
export function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/**
 * Runs one service call for a resource, turning a failure into a NativeResourceError that names the property the call
 * applied and the service's own error: a user reading "BucketName: CreateBucket: BucketAlreadyExists: ..." knows what to fix.
 */
export async function call<T>(
  resource: { logicalId: string; typeName: string },
  property: string | undefined,
  action: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof NativeResourceError) throw err;
    const e = err instanceof Error ? err : new Error(String(err));
    throw new NativeResourceError(resource.logicalId, resource.typeName, property, `${action}: ${e.name}: ${e.message}`);
  }
}

/** Runs a delete call, treating "it is not there" (any of `gone`) as done. */
export async function deleteIgnoringMissing(gone: readonly string[], run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!gone.includes(errorName(err) ?? '')) throw err;
  }
}

/** True when the property's value differs between two property sets (compared as JSON). */
export function changed(name: string, before: Properties, after: Properties): boolean {
  return JSON.stringify(before[name]) !== JSON.stringify(after[name]);
}

/** A policy document, event pattern or similar: CloudFormation takes a mapping or its JSON text. */
export function jsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { ClientClass, invalidRequest } from '../../../runtime';

/** What a call needs of an SDK v3 client package, found by the names a template gives. */
export interface ResolvedCall {
  /** The client's package name without `@aws-sdk/client-`: `dynamodb`, `secrets-manager`. */
  readonly service: string;
  /** The operation in PascalCase, as the service's API reference and IAM name it: `PutItem`. */
  readonly action: string;
  readonly clientClass: ClientClass<{ send(command: unknown): Promise<unknown>; config?: { defaultSigningName?: string } }>;
  readonly commandClass: new (input: unknown) => unknown;
  /** `paginate<Action>`, when the client has one. */
  readonly paginator?: (config: { client: unknown }, input: unknown) => AsyncIterable<unknown>;
  /** The names of the operations that have a paginator, for a message. */
  readonly paginated: () => string[];
}

const PACKAGE_PREFIX = '@aws-sdk/client-';
const NEAREST = 3;

/**
 * Where a client is looked for: beside the bundle (Node's own lookup, with the NODE_PATH Lambda sets to its SDK), then
 * from the process's main module (the Lambda runtime's, or the `orch` command's when a local engine keeps its bundles
 * outside any node_modules tree).
 */
function requirers(): NodeJS.Require[] {
  return [require, ...(require.main ? [createRequire(require.main.filename)] : [])];
}

/** `@aws-sdk/client-dynamodb`, `client-dynamodb`, `dynamodb` and `DynamoDB` all name `dynamodb`. */
export function serviceName(service: string): string {
  return service.replace(/^@aws-sdk\//, '').replace(/^client-/, '').toLowerCase();
}

/** `putItem` and `PutItem` name `PutItem`. */
export function actionName(action: string): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/**
 * The client packages this process can load, by the folders Node would look in (the bundle's own node_modules
 * chain and NODE_PATH, where the Lambda runtime keeps the SDK it ships): the names an unknown service is compared with.
 */
export function installedServices(): string[] {
  const folders = new Set(requirers().flatMap((r) => r.resolve.paths(`${PACKAGE_PREFIX}x`) ?? []));
  const names = new Set<string>();
  for (const folder of folders) {
    const scope = join(folder, '@aws-sdk');
    if (!existsSync(scope)) continue;
    for (const entry of readdirSync(scope)) if (entry.startsWith('client-')) names.add(entry.slice('client-'.length));
  }
  return [...names].sort();
}

/** Up to three of `candidates` nearest to `name` (case ignored), nearest first. */
export function nearest(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  return [...candidates]
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, NEAREST)
    .map((c) => c.candidate);
}

const nearestText = (names: string[]) => (names.length ? `; nearest: ${names.join(', ')}` : '');

/**
 * Loads the client package at run time (the type bundles no client: the Lambda Node.js runtime ships every SDK v3
 * client), by a computed name, which the bundler leaves as it is.
 */
function loadPackage(service: string): Record<string, unknown> | undefined {
  const name = `${PACKAGE_PREFIX}${service}`;
  for (const load of requirers()) {
    try {
      return load(name);
    } catch (err) {
      if ((err as { code?: string }).code !== 'MODULE_NOT_FOUND' || !(err as Error).message.includes(name)) throw err;
    }
  }
  return undefined;
}

/**
 * The client, command and paginator a call names, or InvalidRequest naming `property`'s Service or Action with the
 * nearest valid names.
 */
export function resolveCall(property: string, call: { readonly Service: string; readonly Action: string }): ResolvedCall {
  let service = serviceName(call.Service);
  let module = loadPackage(service);
  if (!module) {
    // `SecretsManager` for `secrets-manager`: the package names have hyphens the v2 names had not.
    const installed = installedServices();
    const spelled = installed.find((name) => name.replace(/-/g, '') === service.replace(/-/g, ''));
    if (spelled) {
      service = spelled;
      module = loadPackage(spelled);
    }
    if (!module) {
      throw invalidRequest(
        `${property}.Service: '${call.Service}' is not an AWS SDK v3 client this runtime has (${PACKAGE_PREFIX}${service} is not installed)${nearestText(nearest(service, installed))}`,
      );
    }
  }
  const clientClass = Object.entries(module).find(([name, value]) => /^[A-Z][A-Za-z0-9]*Client$/.test(name) && typeof value === 'function')?.[1];
  if (!clientClass) throw invalidRequest(`${property}.Service: ${PACKAGE_PREFIX}${service} exports no client class`);
  const action = actionName(call.Action);
  const commandClass = module[`${action}Command`];
  if (typeof commandClass !== 'function' || action === '$') {
    const actions = Object.keys(module)
      .filter((name) => /^[A-Z][A-Za-z0-9]*Command$/.test(name))
      .map((name) => name.slice(0, -'Command'.length));
    throw invalidRequest(`${property}.Action: '${call.Action}' is not an operation of ${PACKAGE_PREFIX}${service}${nearestText(nearest(action, actions))}`);
  }
  const paginator = module[`paginate${action}`];
  return {
    service,
    action,
    clientClass: clientClass as ResolvedCall['clientClass'],
    commandClass: commandClass as ResolvedCall['commandClass'],
    paginator: typeof paginator === 'function' ? (paginator as ResolvedCall['paginator']) : undefined,
    paginated: () =>
      Object.keys(module!)
        .filter((name) => name.startsWith('paginate'))
        .map((name) => name.slice('paginate'.length)),
  };
}

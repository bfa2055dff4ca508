/**
 * CDK's own output flattening, taken from the aws-cdk-lib installed in node_modules: the handler AwsCustomResource
 * deploys (custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js).
 *
 * That handler is one esbuild bundle whose only export is `handler`. Inside it, `flatten` is a named export of the
 * bundled module that also exports `ApiCall`, and the OutputPaths filter is a module-level function the handler
 * applies to the flattened response; neither is reachable from `require`. Requiring the bundle has no side effect
 * (it defines functions and lazily initialised modules, no I/O), so the loader requires it as is and reaches both
 * functions through the handler's closure scope with the in-process inspector (node:inspector): `flatten` by the name
 * the bundle exports it under, the filter as the only function in that scope whose source reads `outputPaths`.
 * Nothing is copied: the functions called are the ones aws-cdk-lib ships.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join } from 'node:path';

export type CdkFlat = Record<string, unknown>;

export interface CdkFlattening {
  /** `flatten(response)`: dot paths, leaves kept as they are (numbers stay numbers), empty objects and arrays dropped. */
  readonly flatten: (value: unknown) => CdkFlat;
  /** The handler's filter: `filter({ outputPaths }, flat)` keeps the keys that start with one of the paths. */
  readonly filter: (call: { outputPaths?: string[] }, flat: CdkFlat) => CdkFlat;
  readonly version: string;
  /** The bundle the functions come from, relative to node_modules. */
  readonly file: string;
}

export const HANDLER_PATH = 'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js';

let loaded: CdkFlattening | undefined;

export function loadCdkFlattening(): CdkFlattening {
  if (loaded) return loaded;
  // aws-cdk-lib's "exports" map does not list the handler bundle, so it is required by file path.
  const packageJson = require.resolve('aws-cdk-lib/package.json');
  const file = join(dirname(packageJson), HANDLER_PATH);
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const bundle = require(file) as { handler?: unknown };
  if (typeof bundle.handler !== 'function') throw new Error(`${file} exports no handler`);
  const { flatten, filter } = reachThroughScope(bundle.handler);
  loaded = { flatten, filter, version, file: `aws-cdk-lib/${HANDLER_PATH}` } as CdkFlattening;
  return loaded;
}

interface RemoteObject {
  type: string;
  objectId?: string;
  value?: unknown;
}
interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

function reachThroughScope(handler: unknown): { flatten: unknown; filter: unknown } {
  const session = new Session();
  session.connect();
  // Messages to an in-process session are answered synchronously, so post() can return the answer.
  const post = <T>(method: string, params: object = {}): T => {
    let answer: { error: Error | null; result?: T } | undefined;
    session.post(method, params, (error, result) => (answer = { error, result: result as T }));
    if (!answer) throw new Error(`inspector did not answer ${method} synchronously`);
    if (answer.error) throw answer.error;
    return answer.result as T;
  };
  // The handler is handed to the inspector through a global of this module's context (under jest that is a vm
  // context, not node's main one), so the context holding it is found first.
  const slot = `__cdkFlattenProbe_${process.pid}_${Date.now()}`;
  const g = globalThis as Record<string, unknown>;
  const contexts: number[] = [];
  const onContext = (message: { params: { context: { id: number } } }) => contexts.push(message.params.context.id);
  session.on('Runtime.executionContextCreated', onContext);
  g[slot] = handler;
  try {
    post('Runtime.enable');
    const handlerObject = contexts
      .map((contextId) => post<{ result: RemoteObject }>('Runtime.evaluate', { expression: `globalThis[${JSON.stringify(slot)}]`, contextId }).result)
      .find((r) => r.type === 'function');
    if (!handlerObject?.objectId) throw new Error('inspector cannot see the CDK handler');
    const internals = post<{ internalProperties?: PropertyDescriptor[] }>('Runtime.getProperties', { objectId: handlerObject.objectId, ownProperties: true });
    const scopes = internals.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value;
    const scopeList = post<{ result: PropertyDescriptor[] }>('Runtime.getProperties', { objectId: scopes?.objectId, ownProperties: true }).result;
    // The innermost scope of a bundle's top-level function is the bundle's module scope.
    const moduleScope = scopeList.find((p) => /^\d+$/.test(p.name))?.value;
    const variables = post<{ result: PropertyDescriptor[] }>('Runtime.getProperties', { objectId: moduleScope?.objectId, ownProperties: true }).result;
    const call = (objectId: string, functionDeclaration: string) =>
      post<{ result: RemoteObject }>('Runtime.callFunctionOn', { objectId, functionDeclaration, returnByValue: true }).result.value;

    const exportTables = variables.filter(
      (v) => v.value?.type === 'object' && v.value.objectId && call(v.value.objectId, `function () { return typeof this.flatten === 'function' && 'ApiCall' in this; }`),
    );
    const filters = variables.filter(
      (v) => v.value?.type === 'function' && v.value.objectId && call(v.value.objectId, `function () { return Function.prototype.toString.call(this).includes('outputPaths'); }`),
    );
    if (exportTables.length === 0) throw new Error('no module in the CDK handler exports flatten');
    if (filters.length !== 1) throw new Error(`expected one function reading outputPaths in the CDK handler, found ${filters.length}`);
    // Every table found re-exports the same function; the first one hands it over through the slot.
    call(exportTables[0].value!.objectId!, `function () { globalThis[${JSON.stringify(slot)}] = { flatten: this.flatten }; }`);
    call(filters[0].value!.objectId!, `function () { globalThis[${JSON.stringify(slot)}].filter = this; }`);
    const found = g[slot] as { flatten: unknown; filter: unknown };
    if (typeof found?.flatten !== 'function' || typeof found.filter !== 'function') throw new Error('the CDK functions were not handed over');
    return found;
  } finally {
    delete g[slot];
    session.off('Runtime.executionContextCreated', onContext);
    session.disconnect();
  }
}

if (require.main === module) {
  const cdk = loadCdkFlattening();
  console.log(`aws-cdk-lib ${cdk.version}, ${cdk.file}`);
  console.log('flatten:', cdk.flatten.toString());
  console.log('filter: ', cdk.filter.toString());
}

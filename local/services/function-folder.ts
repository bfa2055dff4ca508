import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaHandler, LocalFunction } from '../lambda-endpoint';
import { readJsonFile } from './state-files';

/**
 * `<stateDir>/functions/<FunctionName>/function.json`, written by the engine's AWS::Lambda::Function provider beside
 * the function's inline code: which module and export to run, and the configured timeout.
 */
export interface FunctionManifest {
  readonly module: string;
  readonly exportName: string;
  readonly timeoutSeconds?: number;
}

interface Loaded {
  readonly version: string;
  readonly fn: LocalFunction;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Modification times and sizes of the files a function is loaded from: a changed one means loading it again. */
function versionOf(files: readonly string[]): string | undefined {
  try {
    return files.map((f) => { const s = statSync(f); return `${s.mtimeMs}:${s.size}`; }).join('|');
  } catch {
    return undefined;
  }
}

/** What a Lambda runtime reports for code that does not load: the invocation fails, the endpoint keeps serving. */
function failing(error: Error): LocalFunction {
  const handler: LambdaHandler = async () => {
    throw Object.assign(new Error(error.message), { name: 'Runtime.ImportModuleError' });
  };
  return { handler };
}

/**
 * A function source for the Lambda endpoint over `folder`: a function is looked up at each Invoke, loaded on first
 * use and loaded again when its function.json or module changed, so a deploy in another process serves new code
 * without a restart. An unknown name is undefined (the endpoint forwards it to the local AWS).
 */
export function functionFolder(folder: string): (name: string) => LocalFunction | undefined {
  const cache = new Map<string, Loaded>();
  return (name) => {
    if (!FUNCTION_NAME.test(name)) return undefined;
    const manifestFile = join(folder, name, 'function.json');
    const manifest = readJsonFile<FunctionManifest>(manifestFile);
    if (!manifest) return undefined;
    const moduleFile = join(folder, name, `${manifest.module}.js`);
    const version = versionOf([manifestFile, moduleFile]);
    if (version === undefined) return failing(new Error(`${manifest.module}.js is missing from ${join(folder, name)}`));
    const cached = cache.get(name);
    if (cached?.version === version) return cached.fn;
    delete require.cache[moduleFile];
    let fn: LocalFunction;
    try {
      const handler = require(moduleFile)[manifest.exportName] as LambdaHandler | undefined;
      fn = typeof handler === 'function'
        ? { handler, timeoutSeconds: manifest.timeoutSeconds }
        : failing(new Error(`${manifest.module}.js exports no function ${manifest.exportName}`));
    } catch (err) {
      fn = failing(err instanceof Error ? err : new Error(String(err)));
    }
    cache.set(name, { version, fn });
    return fn;
  };
}

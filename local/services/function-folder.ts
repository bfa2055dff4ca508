import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaHandler, LocalFunction } from '../lambda-endpoint';
import { LOCAL_AWS } from '../local-aws';
import { FunctionSandbox } from './function-sandbox';
import { readJsonFile } from './state-files';

/**
 * `<stateDir>/functions/<FunctionName>/function.json`, written by the engine's AWS::Lambda::Function provider beside
 * the function's inline code: which module and export to run, the configured timeout and environment.
 */
export interface FunctionManifest {
  readonly module: string;
  readonly exportName: string;
  readonly timeoutSeconds?: number;
  /** The function's Environment.Variables when it was written, for a function the local AWS does not store. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** What the Lambda API storing the function says of it (GetFunctionConfiguration). */
export interface StoredConfiguration {
  readonly environment?: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
  readonly memorySize?: number;
}

export interface FunctionFolderOptions {
  /** The function's stored configuration, read at each Invoke, so an UpdateFunctionConfiguration applies to the next one. */
  readonly configuration?: (name: string) => Promise<StoredConfiguration | undefined>;
  /** Variables every function sees beneath its own Environment (the local AWS endpoints and credentials). */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
}

export interface FunctionFolder {
  /** The function source for startLambdaEndpoint: undefined for a name with no function.json. */
  lookup(name: string): LocalFunction | undefined;
  close(): Promise<void>;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_TIMEOUT_SECONDS = 3;

/** Modification times and sizes of the files a function is loaded from: a changed one means loading it again. */
function versionOf(files: readonly string[]): string | undefined {
  try {
    return files.map((f) => { const s = statSync(f); return `${s.mtimeMs}:${s.size}`; }).join('|');
  } catch {
    return undefined;
  }
}

const defined = (env: Readonly<Record<string, string | undefined>>) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * The functions of `folder` for the Lambda endpoint. Each runs in its own sandbox (a worker thread) with its stored
 * Environment variables, created at its first Invoke and again when its function.json, module or configuration
 * changed, so a deploy in another process serves the new code without a restart.
 */
export function functionFolder(folder: string, options: FunctionFolderOptions = {}): FunctionFolder {
  const sandboxes = new Map<string, FunctionSandbox>();

  const sandboxFor = (name: string, manifest: FunctionManifest, env: Record<string, string>): FunctionSandbox => {
    const file = join(folder, name, `${manifest.module}.js`);
    const files = versionOf([join(folder, name, 'function.json'), file]);
    if (files === undefined) throw Object.assign(new Error(`${manifest.module}.js is missing from ${join(folder, name)}`), { name: 'Runtime.ImportModuleError' });
    const version = `${files}|${JSON.stringify(env)}`;
    const current = sandboxes.get(name);
    if (current?.usable && current.version === version) return current;
    void current?.close();
    const sandbox = new FunctionSandbox(version, { file, module: manifest.module, exportName: manifest.exportName, env });
    sandboxes.set(name, sandbox);
    return sandbox;
  };

  return {
    lookup(name) {
      if (!FUNCTION_NAME.test(name)) return undefined;
      const manifest = readJsonFile<FunctionManifest>(join(folder, name, 'function.json'));
      if (!manifest) return undefined;
      const handler: LambdaHandler = async (event, context) => {
        const stored = await options.configuration?.(name);
        const timeoutSeconds = stored?.timeoutSeconds ?? manifest.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
        const memory = String(stored?.memorySize ?? 128);
        const env = defined({
          ...options.baseEnv,
          AWS_LAMBDA_FUNCTION_NAME: name,
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory,
          LAMBDA_TASK_ROOT: join(folder, name),
          ...(stored ? stored.environment : manifest.environment),
        });
        const about = {
          awsRequestId: context.awsRequestId,
          functionName: name,
          functionVersion: '$LATEST',
          memoryLimitInMB: memory,
          invokedFunctionArn: `arn:aws:lambda:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:function:${name}`,
        };
        return sandboxFor(name, manifest, env).invoke(event, about, timeoutSeconds);
      };
      return { handler, timeoutSeconds: manifest.timeoutSeconds };
    },
    async close() {
      await Promise.all([...sandboxes.values()].map((s) => s.close()));
      sandboxes.clear();
    },
  };
}

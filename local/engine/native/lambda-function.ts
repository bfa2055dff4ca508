import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import type { LambdaHandler } from '../../lambda-endpoint';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, NativeEnvironment, NativeProvider, NativeResourceError, NativeResult, Properties } from './provider';
import { tagChanges, tagList } from './tags';

const typeName = 'AWS::Lambda::Function';
type Code = { ZipFile?: string; S3Bucket?: string; S3Key?: string; S3ObjectVersion?: string; ImageUri?: string };

/** `index.handler` is the export `handler` of the module `index`. */
function handlerParts(properties: Properties): [module: string, exportName: string] {
  const handler = String(properties.Handler ?? 'index.handler');
  const dot = handler.lastIndexOf('.');
  return dot < 0 ? [handler, 'handler'] : [handler.slice(0, dot), handler.slice(dot + 1)];
}

/**
 * Inline code as Lambda stores it: one file `<module>.js`. The fixed time makes the same code the same archive (and
 * CodeSha256), as CloudFormation's inline code is.
 */
export function inlineZip(module: string, source: string): Uint8Array {
  return zipSync({ [`${module}.js`]: [strToU8(source), { mtime: new Date('1980-01-01T00:00:00Z') }] });
}

/**
 * The Code property as Lambda's API takes it. Inline code is zipped as `<module>.js`, the file Lambda unpacks it into
 * for Node.js runtimes, so the stored function is what a deployed one would hold.
 */
function code(logicalId: string, properties: Properties) {
  const c = properties.Code as Code;
  if (c.ZipFile !== undefined) {
    if (!String(properties.Runtime ?? '').startsWith('nodejs')) {
      throw new NativeResourceError(logicalId, typeName, 'Runtime', `inline code (Code.ZipFile) runs locally only on a Node.js runtime, not ${String(properties.Runtime)}`);
    }
    return { ZipFile: inlineZip(handlerParts(properties)[0], c.ZipFile) };
  }
  if (c.ImageUri !== undefined) return { ImageUri: c.ImageUri };
  if (c.S3Bucket && c.S3Key) return { S3Bucket: c.S3Bucket, S3Key: c.S3Key, S3ObjectVersion: c.S3ObjectVersion };
  throw new NativeResourceError(logicalId, typeName, 'Code', 'set ZipFile, ImageUri, or S3Bucket with S3Key');
}

/** What the services daemon's Lambda endpoint reads beside the code, at every Invoke (`<codeDirectory>/<name>/function.json`). */
export interface FunctionFile {
  /** The file `<module>.js` beside function.json. */
  readonly module: string;
  readonly exportName: string;
  readonly timeoutSeconds: number;
  /** The function's `Environment.Variables`, which Lambda sets in the process running it. */
  readonly environment?: Readonly<Record<string, string>>;
}

export const FUNCTION_FILE = 'function.json';

/**
 * Inline Node.js code, for a loopback Lambda endpoint to run: the local AWS stores the function but needs Docker to
 * run it. The code is written to `<codeDirectory>/<function name>/<module>.js` with a function.json, so another
 * process (the services daemon) can serve it; function.json is renamed into place last, so a reader never sees new
 * settings with old code or half a file. With `localFunctions`, the code is also required here, fresh each time, so
 * an update serves the new code.
 */
function serveLocally(name: string, properties: Properties, env: NativeEnvironment): void {
  const inline = (properties.Code as Code).ZipFile;
  if (inline === undefined) return forget(name, env);
  if (!env.codeDirectory) {
    if (env.localFunctions) throw new Error('NativeEnvironment.codeDirectory is needed to serve inline functions');
    return;
  }
  const [module, exportName] = handlerParts(properties);
  const folder = join(env.codeDirectory, name);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${module}.js`);
  writeFileSync(file, inline);
  const variables = (properties.Environment as { Variables?: Record<string, string> } | undefined)?.Variables;
  const settings: FunctionFile = { module, exportName, timeoutSeconds: (properties.Timeout as number | undefined) ?? 3, ...(variables && { environment: variables }) };
  const scratch = join(folder, `.${FUNCTION_FILE}.${process.pid}`);
  writeFileSync(scratch, JSON.stringify(settings, null, 2) + '\n');
  renameSync(scratch, join(folder, FUNCTION_FILE));
  if (!env.localFunctions) return;
  delete require.cache[require.resolve(file)];
  let handler: LambdaHandler | undefined;
  try {
    handler = require(file)[exportName] as LambdaHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`${module}.js exports no function ${exportName}`);
  } catch (err) {
    // Nothing half-served is left: a rollback's update puts the previous code back.
    forget(name, env);
    throw err;
  }
  env.localFunctions[name] = { handler, timeoutSeconds: properties.Timeout as number | undefined };
}

/** The function is no longer served locally: gone, or its code is no longer inline. */
function forget(name: string, env: NativeEnvironment): void {
  if (env.localFunctions) delete env.localFunctions[name];
  if (env.codeDirectory) rmSync(join(env.codeDirectory, name), { recursive: true, force: true });
}

function configuration(properties: Properties) {
  return {
    Role: properties.Role as string,
    Handler: properties.Handler as string | undefined,
    Runtime: properties.Runtime as any,
    Description: properties.Description as string | undefined,
    Environment: properties.Environment as any,
    MemorySize: properties.MemorySize as number | undefined,
    Timeout: properties.Timeout as number | undefined,
  };
}

async function result(FunctionName: string, env: NativeEnvironment): Promise<NativeResult> {
  const c = await env.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
  return { physicalId: FunctionName, attributes: { Arn: c.FunctionArn! } };
}

export const lambdaFunction: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const FunctionName = (properties.FunctionName as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 64 });
    const Code = code(logicalId, properties);
    // Loaded first: code that does not load fails before anything is created.
    await call({ logicalId, typeName }, 'Code.ZipFile', 'load inline code', async () => serveLocally(FunctionName, properties, env));
    await call({ logicalId, typeName }, properties.FunctionName ? 'FunctionName' : 'Role', 'CreateFunction', () =>
      env.clients.lambda.send(
        new CreateFunctionCommand({
          FunctionName,
          Code,
          ...(Code.ImageUri ? { PackageType: 'Image' } : {}),
          ...configuration(properties),
          Architectures: properties.Architectures as any,
          Tags: Object.fromEntries(tagList(properties.Tags).map((t) => [t.Key, t.Value])),
        }),
      ),
    ).catch((err) => {
      forget(FunctionName, env);
      throw err;
    });
    return result(FunctionName, env);
  },
  async update({ logicalId, physicalId: FunctionName, properties, previousProperties: before }, env) {
    const r = { logicalId, typeName };
    const lambda = env.clients.lambda;
    // Lambda refuses a second change while one is in progress: wait for each to settle.
    const settled = () => waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 60 }, { FunctionName });
    if (changed('Code', before, properties) || changed('Handler', before, properties) || changed('Architectures', before, properties)) {
      const c = code(logicalId, properties);
      await call(r, 'Code', 'UpdateFunctionCode', () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ...c, Architectures: properties.Architectures as any })));
      await settled();
    }
    const keys = ['Role', 'Handler', 'Runtime', 'Description', 'Environment', 'MemorySize', 'Timeout'];
    const changedKey = keys.find((k) => changed(k, before, properties));
    if (changedKey) {
      await call(r, changedKey, 'UpdateFunctionConfiguration', () => lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, ...configuration(properties) })));
      await settled();
    }
    const updated = await result(FunctionName, env);
    if (changed('Tags', before, properties)) {
      const { set, removed } = tagChanges(before.Tags, properties.Tags);
      const Resource = updated.attributes.Arn;
      if (removed.length) await call(r, 'Tags', 'UntagResource', () => lambda.send(new UntagResourceCommand({ Resource, TagKeys: removed })));
      if (set.length) await call(r, 'Tags', 'TagResource', () => lambda.send(new TagResourceCommand({ Resource, Tags: Object.fromEntries(set.map((t) => [t.Key, t.Value])) })));
    }
    await call(r, 'Code.ZipFile', 'load inline code', async () => serveLocally(FunctionName, properties, env));
    return updated;
  },
  async delete({ logicalId, physicalId: FunctionName }, env) {
    await call({ logicalId, typeName }, undefined, 'DeleteFunction', () =>
      deleteIgnoringMissing(['ResourceNotFoundException'], () => env.clients.lambda.send(new DeleteFunctionCommand({ FunctionName }))),
    );
    forget(FunctionName, env);
  },
};

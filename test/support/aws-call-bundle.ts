import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_AWS } from '../../local/local-aws';
import { CfnDriver, DriverOptions, Entrypoint, inProcessInvoker, Invoker } from '../../local/protocol';
import { REPO_ROOT } from '../../local/python-env';
import { bundleType } from '../../tools/bundle';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/aws-call/src/models';

export const TYPE_DIR = join(REPO_ROOT, 'resource-types', 'aws-call');

/**
 * Orch::Aws::Call's handlers as they ship, built once per test file inside the type folder: the bundle loads the SDK
 * clients at run time, and from there Node finds them in the repository's node_modules as Lambda finds its own.
 */
export async function awsCallBundle(name: string, out = join(TYPE_DIR, 'build', `test-${name}`)): Promise<{ entrypoint: Entrypoint; file: string; bundledClients: string[] }> {
  const file = await bundleType(TYPE_DIR, out);
  return { entrypoint: require(file).entrypoint, file, bundledClients: bundledClients(`${out}.meta.json`, file) };
}

/** The SDK v3 client packages whose code is in the bundle file (by esbuild's metafile; a module tree-shaken away adds no bytes). */
function bundledClients(metaFile: string, file: string): string[] {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const output = Object.entries(meta.outputs).find(([path]) => resolve(path) === file)![1];
  const names = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => /@aws-sdk\/(client-[a-z0-9-]+)\//.exec(path)?.[1])
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort();
}

/** What the tests' account admin allows by default: the calls the tests make. */
export const TEST_ALLOWED_ACTIONS = ['dynamodb:*', 's3:GetObject', 's3:PutObject', 'ssm:GetParameter', 'ssm:GetParametersByPath', 'ssm:PutParameter', 'lambda:InvokeFunction'];

export function awsCallDriver(entrypoint: Entrypoint, options: Partial<DriverOptions> & { invoker?: Invoker } = {}): CfnDriver {
  return new CfnDriver({
    invoker: inProcessInvoker(entrypoint),
    typeName: TYPE_NAME,
    primaryIdentifier: PRIMARY_IDENTIFIER,
    delayScale: 0.01,
    typeConfiguration: { AllowedActions: TEST_ALLOWED_ACTIONS },
    ...options,
  });
}

export const REGION = LOCAL_AWS.region;

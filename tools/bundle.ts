/**
 * Bundles one type's handlers into a single file, as the Lambda function CloudFormation invokes needs it:
 * `build/<function>/dist/handlers.js`, exporting `entrypoint` and `testEntrypoint` (see `.rpdk-config`).
 *
 * Run from a type folder. The cfn CLI calls it through `settings.buildCommand` with the function name appended:
 *   node ../../node_modules/.bin/tsx ../../tools/bundle.ts TypeFunction
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, BuildOptions } from 'esbuild';
import { LazyModule, lazyModules, separateFiles } from './lazy-modules';
import { configuredRuntime, esbuildTarget } from './lambda-runtimes';

export const HANDLER_FILE = join('dist', 'handlers.js');

const AWS_SDK_V2 = resolve(__dirname, 'shims', 'aws-sdk-clients-all.js');

/**
 * Modules a READ never needs, loaded on first use (see lazy-modules.ts): the SDK v3 clients of the adapters, ajv
 * (only CREATE and UPDATE validate), isomorphic-git, and the SDK v2 clients the cfn library delivers logs and metrics
 * with (only when CloudFormation sends a log group). The SSM client is not among them: every action reads or writes
 * a task record.
 */
export const LAZY_MODULES: readonly LazyModule[] = [
  { specifier: '@aws-sdk/client-s3' },
  { specifier: '@aws-sdk/client-sfn' },
  { specifier: '@aws-sdk/client-lambda' },
  { specifier: '@aws-sdk/client-secrets-manager' },
  { specifier: 'ajv', file: 'lazy/ajv.js' },
  { specifier: 'aws-sdk/clients/all', file: 'lazy/aws-sdk-v2.js', entry: AWS_SDK_V2 },
  { specifier: 'aws-sdk/clients/cloudwatch', file: 'lazy/aws-sdk-v2.js', entry: AWS_SDK_V2, member: 'CloudWatch' },
  { specifier: 'aws-sdk/clients/cloudwatchlogs', file: 'lazy/aws-sdk-v2.js', entry: AWS_SDK_V2, member: 'CloudWatchLogs' },
  { specifier: 'aws-sdk/clients/s3', file: 'lazy/aws-sdk-v2.js', entry: AWS_SDK_V2, member: 'S3' },
  { specifier: 'isomorphic-git', file: 'lazy/isomorphic-git.js' },
  { specifier: 'isomorphic-git/http/node', file: 'lazy/isomorphic-git-http.js' },
];

export function bundleOptions(typeDir: string, outDir: string): BuildOptions {
  return {
    entryPoints: [join(typeDir, 'src', 'handlers.ts')],
    outfile: join(outDir, HANDLER_FILE),
    bundle: true,
    platform: 'node',
    // The Node major of the Lambda runtime the type folder's .rpdk-config names.
    target: esbuildTarget(configuredRuntime(typeDir)),
    format: 'cjs',
    minify: true,
    // The cfn library still derives some error codes from class names.
    keepNames: true,
    legalComments: 'linked',
    metafile: true,
    // ESM builds first: esbuild drops what the SDK v3 clients export but the handlers never import (their CommonJS
    // builds are one module holding every command), which halves what the SSM client costs at load.
    mainFields: ['module', 'main'],
    // Those ESM builds load node:http with import(); a real dynamic import makes Node build the module's namespace,
    // which reads every export, and one of those loads undici (about 17 ms of a cold start). As require(), it does not.
    supported: { 'dynamic-import': false },
    plugins: [lazyModules(LAZY_MODULES)],
    alias: {
      'aws-sdk/clients/all': AWS_SDK_V2,
      // The cfn library's polyfill of a method Node has had since 15; its dependencies are only load time.
      'string.prototype.replaceall': resolve(__dirname, 'shims', 'string-replace-all.js'),
    },
    logLevel: 'warning',
  };
}

/** Bundles the type in `typeDir` into `outDir` and returns the bundle's path. */
export async function bundleType(typeDir: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const options = bundleOptions(typeDir, outDir);
  const result = await build(options);
  // The lazily loaded files this bundle requires, beside handlers.js, each bundled alone (they share no module with it).
  for (const { file, entry } of separateFiles(LAZY_MODULES, result.metafile!)) {
    await build({ ...options, entryPoints: [entry], outfile: join(dirname(options.outfile!), file), plugins: [], metafile: false, absWorkingDir: typeDir });
  }
  // Beside the function folder, not in it: the inputs of the bundle are for size reports, not for Lambda.
  writeFileSync(`${outDir}.meta.json`, JSON.stringify(result.metafile));
  return join(outDir, HANDLER_FILE);
}

if (require.main === module) {
  const functionName = process.argv[2] ?? 'TypeFunction';
  bundleType(process.cwd(), join(process.cwd(), 'build', functionName))
    .then((file) => console.log(`bundled ${file}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

/**
 * Bundles one type's handlers into a single file, as the Lambda function CloudFormation invokes needs it:
 * `build/<function>/dist/handlers.js`, exporting `entrypoint` and `testEntrypoint` (see `.rpdk-config`).
 *
 * Run from a type folder. The cfn CLI calls it through `settings.buildCommand` with the function name appended:
 *   node ../../node_modules/.bin/tsx ../../tools/bundle.ts TypeFunction
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, BuildOptions } from 'esbuild';
import { configuredRuntime, esbuildTarget } from './lambda-runtimes';

export const HANDLER_FILE = join('dist', 'handlers.js');

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
    alias: { 'aws-sdk/clients/all': resolve(__dirname, 'shims', 'aws-sdk-clients-all.js') },
    logLevel: 'warning',
  };
}

/** Bundles the type in `typeDir` into `outDir` and returns the bundle's path. */
export async function bundleType(typeDir: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const result = await build(bundleOptions(typeDir, outDir));
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

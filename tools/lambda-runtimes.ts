/**
 * The Lambda Node.js runtimes and the dates Lambda deprecates them: the one table that `npm run register`
 * (refuses a type on a deprecated runtime) and tools/bundle.ts (esbuild's target) read.
 *
 * Dates: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ("Deprecation date"). Lambda blocks
 * creating functions on a runtime some weeks after that date, and CloudFormation refuses to register a type whose
 * runtime Lambda no longer lets it create functions with; refusing from the deprecation date on is the safe side.
 * Add a row when Lambda announces a runtime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../local/python-env';

export interface LambdaRuntime {
  /** The identifier `.rpdk-config` and Lambda use: `nodejs24.x`. */
  readonly name: string;
  /** The Node.js major the runtime runs. */
  readonly nodeMajor: number;
  /** First day Lambda treats the runtime as deprecated, `YYYY-MM-DD` (UTC). */
  readonly deprecated: string;
}

export const LAMBDA_NODE_RUNTIMES: readonly LambdaRuntime[] = [
  { name: 'nodejs16.x', nodeMajor: 16, deprecated: '2024-06-12' },
  { name: 'nodejs18.x', nodeMajor: 18, deprecated: '2025-09-01' },
  { name: 'nodejs20.x', nodeMajor: 20, deprecated: '2026-04-30' },
  { name: 'nodejs22.x', nodeMajor: 22, deprecated: '2027-04-30' },
  { name: 'nodejs24.x', nodeMajor: 24, deprecated: '2028-04-30' },
];

/** The runtime named in the `.rpdk-config` of `dir` (a type folder, or the repository's shared one by default). */
export function configuredRuntime(dir: string = REPO_ROOT): string {
  const file = join(dir, '.rpdk-config');
  const runtime = JSON.parse(readFileSync(file, 'utf8')).runtime;
  if (typeof runtime !== 'string') throw new Error(`${file} names no runtime`);
  return runtime;
}

/** The table's row for `name`; throws naming the known runtimes when there is none. */
export function lambdaRuntime(name: string): LambdaRuntime {
  const row = LAMBDA_NODE_RUNTIMES.find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not a Lambda Node.js runtime known to tools/lambda-runtimes.ts (${LAMBDA_NODE_RUNTIMES.map((r) => r.name).join(', ')})`);
  return row;
}

const deprecatedAt = (r: LambdaRuntime) => new Date(`${r.deprecated}T00:00:00Z`);

/** The runtimes Lambda still supports at `now`, oldest first. */
export function supportedRuntimes(now: Date): LambdaRuntime[] {
  return LAMBDA_NODE_RUNTIMES.filter((r) => now < deprecatedAt(r));
}

/** Throws, naming the runtime, its deprecation date and the supported runtimes, when `name` is deprecated at `now`. */
export function assertRuntimeSupported(name: string, now: Date): LambdaRuntime {
  const row = lambdaRuntime(name);
  if (now < deprecatedAt(row)) return row;
  const supported = supportedRuntimes(now).map((r) => `${r.name} (until ${r.deprecated})`);
  throw new Error(
    `runtime ${name} was deprecated by Lambda on ${row.deprecated}, and CloudFormation does not register a type on a runtime ` +
      `Lambda no longer creates functions with; supported runtimes: ${supported.join(', ') || 'none in tools/lambda-runtimes.ts'}. ` +
      'Set "runtime" in the top-level .rpdk-config and run `npm run generate`.',
  );
}

/** esbuild's `target` for a runtime: the Node major it runs (`node24` for `nodejs24.x`). */
export const esbuildTarget = (name: string) => `node${lambdaRuntime(name).nodeMajor}`;

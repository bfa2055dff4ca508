/**
 * Package size and cold load of every type's submission package, against the package a fresh `cfn init`
 * TypeScript project ships (see cfn-init-baseline.ts).
 *
 *   npx tsx bench/package-size.ts          prints the report, writes .bench/package-size.json
 *
 * For each type folder: `cfn submit --dry-run` (which runs .rpdk-config's buildCommand, i.e. tools/bundle.ts) builds
 * `<type>.zip` holding ResourceProvider.zip; the bench unpacks both into a temporary folder, outside the repository,
 * so the handler cannot borrow the repository's node_modules, and times fresh `node` processes that require the
 * unpacked dist/handlers.js and answer one READ for an identifier that does not exist (FAILED NotFound, after an SSM
 * GetParameter against moto).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { ColdInvocation, coldInvoke } from '../local/cold-invoke';
import { CfnDriver, HandlerRequest, ProgressEventJson } from '../local/protocol';
import { LocalAws, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { hyphenated, submitDryRun, unpackPackage, zipEntries } from '../tools/submission-package';
import { typeFolders } from '../tools/type-folders';
import { cfnVersion, ensureBaseline } from './cfn-init-baseline';
import { coldStartTargets } from './speed-targets';

/** Cold processes measured per package (after one unmeasured warm-up process). */
export const COLD_RUNS = 9;
export const TARGETS = { maxSizeRatio: 0.1, maxColdLoadMs: 300 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Building and unpacking packages


/** Total bytes of the files below `path` (or of the file itself). */
export function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The measurement

export interface ColdLoad {
  /** Medians over `runs` processes, in ms. */
  readonly bootMs: number;
  readonly requireOnlyMs: number;
  readonly requireMs: number;
  readonly readyMs: number | null;
  readonly answeredMs: number;
  /** All runs, in order. */
  readonly samples: Array<Omit<ColdInvocation, 'response'>>;
  /** Status (and error code) of the READ, e.g. "FAILED NotFound". */
  readonly readResult: string;
}

export interface PackageRow {
  readonly typeName: string;
  /** Folder the package was built in, relative to the repository. */
  readonly folder: string;
  /** Ours: dist/handlers.js. Baseline: dist/ + node_modules/ + package.json, unpacked. */
  readonly codeBytes: number;
  readonly codeDescription: string;
  /** Everything ResourceProvider.zip unpacks to. */
  readonly unpackedBytes: number;
  readonly providerZipBytes: number;
  readonly outerZipBytes: number;
  readonly outerZipEntries: string[];
  readonly cold: ColdLoad;
}

export interface TargetCheck {
  readonly typeName: string;
  readonly target: string;
  readonly value: string;
  readonly pass: boolean;
}

export interface PackageSizeResult {
  readonly generatedAt: string;
  readonly node: string;
  readonly cfn: string;
  readonly coldRuns: number;
  readonly types: PackageRow[];
  readonly baseline: PackageRow & { readonly notes: string[]; readonly cachedIn: string; readonly builtThisRun: boolean };
  readonly targets: TargetCheck[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A READ for an identifier nobody created, shaped as CloudFormation sends it (see CfnDriver.request). */
export function missingReadRequest(typeName: string, schema: Record<string, any>): HandlerRequest {
  const keys = ((schema.primaryIdentifier ?? []) as string[]).map((p) => p.replace(/^\/properties\//, ''));
  const driver = new CfnDriver({ entrypoint: () => Promise.reject(new Error('not used')), typeName, primaryIdentifier: keys });
  const id = `BenchMissing-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  return driver.request('READ', 'BenchMissing', { resourceProperties: Object.fromEntries(keys.map((k) => [k, id])) });
}

interface ColdSubject {
  readonly handlerFile: string;
  readonly typeName: string;
  readonly schema: Record<string, any>;
  readonly expectRead?: (r: ProgressEventJson) => string | undefined;
}

function summarize(samples: ColdInvocation[]): ColdLoad {
  const ready = samples.map((s) => s.readyMs);
  const last = samples[samples.length - 1].response;
  return {
    bootMs: median(samples.map((s) => s.bootMs)),
    requireOnlyMs: median(samples.map((s) => s.requireOnlyMs)),
    requireMs: median(samples.map((s) => s.requireMs)),
    readyMs: ready.every((v): v is number => v !== undefined) ? median(ready) : null,
    answeredMs: median(samples.map((s) => s.answeredMs)),
    samples: samples.map(({ response, ...timings }) => timings),
    readResult: [last.status, last.errorCode].filter(Boolean).join(' '),
  };
}

/**
 * `runs` cold READs of every subject, taking turns run by run (one warm-up each first: OS file cache, moto's first
 * SSM call), so a burst of load on the machine falls on every package of a round alike and the ratios hold.
 */
async function measureColdInTurns(subjects: readonly ColdSubject[], aws: LocalAws, runs: number): Promise<ColdLoad[]> {
  for (const s of subjects) await coldInvoke(s.handlerFile, missingReadRequest(s.typeName, s.schema), aws.env);
  const samples = subjects.map((): ColdInvocation[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, s] of subjects.entries()) {
      const invocation = await coldInvoke(s.handlerFile, missingReadRequest(s.typeName, s.schema), aws.env);
      const problem = s.expectRead?.(invocation.response);
      if (problem) throw new Error(`${s.typeName}: cold READ ${problem}: ${JSON.stringify(invocation.response)}`);
      samples[k].push(invocation);
    }
  }
  return samples.map(summarize);
}

const notFoundExpected = (r: ProgressEventJson) => (r.status === 'FAILED' && r.errorCode === 'NotFound' ? undefined : 'did not return FAILED NotFound');

export interface MeasureOptions {
  /** A running local AWS to use; otherwise one is started and stopped. */
  readonly aws?: LocalAws;
  readonly runs?: number;
  readonly log?: (line: string) => void;
}

/** Builds every type's package and the baseline's, and measures them. */
export async function measurePackages(options: MeasureOptions = {}): Promise<PackageSizeResult> {
  const log = options.log ?? (() => undefined);
  const runs = options.runs ?? COLD_RUNS;
  const baseline = ensureBaseline(log);
  const aws = options.aws ?? (await startLocalAws({ log }));
  const work = mkdtempSync(join(tmpdir(), 'orch-package-size-'));
  try {
    const built: Array<Omit<PackageRow, 'cold'>> = [];
    const subjects: ColdSubject[] = [];
    for (const type of typeFolders()) {
      const typeName = type.schema.typeName as string;
      log(`${typeName}: cfn submit --dry-run`);
      const { zip } = submitDryRun(type.dir);
      const bundle = join(type.dir, 'build', 'TypeFunction', 'dist', 'handlers.js');
      const entries = zipEntries(zip);
      const provider = entries.find((e) => e.name === 'ResourceProvider.zip');
      if (!provider) throw new Error(`${zip} holds no ResourceProvider.zip`);
      const { providerDir } = unpackPackage(zip, join(work, basename(type.dir)));
      subjects.push({ handlerFile: join(providerDir, 'dist', 'handlers.js'), typeName, schema: type.schema, expectRead: notFoundExpected });
      built.push({
        typeName,
        folder: relative(REPO_ROOT, type.dir),
        codeBytes: statSync(bundle).size,
        codeDescription: 'dist/handlers.js',
        unpackedBytes: sizeOf(providerDir),
        providerZipBytes: provider.size,
        outerZipBytes: statSync(zip).size,
        outerZipEntries: entries.map((e) => e.name),
      });
    }

    const baseEntries = zipEntries(baseline.outerZip);
    const baseProvider = baseEntries.find((e) => e.name === 'ResourceProvider.zip');
    if (!baseProvider) throw new Error(`${baseline.outerZip} holds no ResourceProvider.zip`);
    const baseSchema = JSON.parse(readFileSync(join(baseline.dir, `${hyphenated(baseline.typeName)}.json`), 'utf8'));
    log(`${runs} cold READs of each unpacked dist/handlers.js and of ${relative(REPO_ROOT, baseline.handlerFile)}, taking turns`);
    const [baseCold, ...colds] = await measureColdInTurns([{ handlerFile: baseline.handlerFile, typeName: baseline.typeName, schema: baseSchema }, ...subjects], aws, runs);
    const types: PackageRow[] = built.map((row, k) => ({ ...row, cold: colds[k] }));
    const codeBytes = baseline.contentDirs.reduce((sum, p) => sum + sizeOf(p), 0);
    const baseRow = {
      typeName: `${baseline.typeName} (cfn init)`,
      folder: relative(REPO_ROOT, baseline.dir),
      codeBytes,
      codeDescription: 'dist/ + node_modules/ + package.json',
      unpackedBytes: codeBytes,
      providerZipBytes: baseProvider.size,
      outerZipBytes: statSync(baseline.outerZip).size,
      outerZipEntries: baseEntries.map((e) => e.name),
      cold: baseCold,
      notes: baseline.notes,
      cachedIn: relative(REPO_ROOT, baseline.dir),
      builtThisRun: baseline.built,
    };

    const targets: TargetCheck[] = types.flatMap((t) => {
      const sizeRatio = t.outerZipBytes / baseRow.outerZipBytes;
      const cold = t.cold.readyMs ?? t.cold.answeredMs;
      return [
        {
          typeName: t.typeName,
          target: `package (outer zip) <= ${TARGETS.maxSizeRatio} x the cfn init baseline's`,
          value: `${ratioText(t.outerZipBytes, baseRow.outerZipBytes)} (${kib(t.outerZipBytes)} vs ${kib(baseRow.outerZipBytes)} KiB)`,
          pass: sizeRatio <= TARGETS.maxSizeRatio,
        },
        {
          typeName: t.typeName,
          target: `cold load < ${TARGETS.maxColdLoadMs} ms (process start -> first READ response ready, median)`,
          value: `${ms(cold)} ms${t.cold.readyMs === null ? ' (ready marker not seen: answered time used)' : ''}`,
          pass: cold < TARGETS.maxColdLoadMs,
        },
        ...coldStartTargets(t.typeName, t.cold, baseCold),
      ];
    });

    return { generatedAt: new Date().toISOString(), node: process.version, cfn: cfnVersion(), coldRuns: runs, types, baseline: baseRow, targets };
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!options.aws) await aws.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The report

const kib = (bytes: number) => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0);
const ms = (value: number | null) => (value === null ? 'n/a' : value.toFixed(0));
const ratioText = (value: number, baseline: number) => `${(value / baseline).toFixed(value / baseline < 0.1 ? 3 : 2)}x`;

function table(rows: string[][], rightAlignFrom = 1): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (c >= rightAlignFrom ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   ').trimEnd());
}

export function formatPackageReport(result: PackageSizeResult): string {
  const b = result.baseline;
  const header = ['package', 'code KiB', 'ResourceProvider.zip KiB', 'outer zip KiB', 'cold require ms', 'first READ ready ms', 'first READ answered ms', 'READ returned'];
  const row = (r: PackageRow) => [
    r.typeName,
    kib(r.codeBytes),
    kib(r.providerZipBytes),
    kib(r.outerZipBytes),
    ms(r.cold.requireMs),
    ms(r.cold.readyMs),
    ms(r.cold.answeredMs),
    r.cold.readResult,
  ];
  const ratioRow = (r: PackageRow) => [
    `  ratio ours/baseline`,
    ratioText(r.codeBytes, b.codeBytes),
    ratioText(r.providerZipBytes, b.providerZipBytes),
    ratioText(r.outerZipBytes, b.outerZipBytes),
    ratioText(r.cold.requireMs, b.cold.requireMs),
    r.cold.readyMs !== null && b.cold.readyMs !== null ? ratioText(r.cold.readyMs, b.cold.readyMs) : 'n/a',
    ratioText(r.cold.answeredMs, b.cold.answeredMs),
    '',
  ];
  const rows = [header, ...result.types.flatMap((t) => [row(t), ratioRow(t)]), row(b)];
  const samples = (r: PackageRow) =>
    `    ${r.typeName}: boot ${ms(r.cold.bootMs)} ms, require alone ${ms(r.cold.requireOnlyMs)} ms; ` +
    `runs (require / ready / answered ms): ${r.cold.samples.map((s) => `${ms(s.requireMs)}/${ms(s.readyMs ?? null)}/${ms(s.answeredMs)}`).join(', ')}`;
  const passed = result.targets.filter((t) => t.pass).length;
  return [
    `Package size and cold load, ${result.generatedAt} (node ${result.node}, ${result.cfn})`,
    '',
    '  Packages: `cfn submit --dry-run` in each folder; the cfn CLI stores zip entries uncompressed (ZIP_STORED), for ours and the baseline alike.',
    '  code: ours = the esbuild bundle build/TypeFunction/dist/handlers.js; baseline = what its ResourceProvider.zip unpacks to (dist/ + production node_modules/ + package.json).',
    `  Cold load: ${result.coldRuns} fresh \`node\` processes per package, the packages taking turns (medians shown; one unmeasured warm-up process each first), each requiring dist/handlers.js`,
    '  (ours: unpacked from the package into a temporary folder outside the repository) and calling `entrypoint` once with a CloudFormation READ',
    '  HandlerRequest for an identifier that does not exist, against moto. All times are from process start (performance.timeOrigin):',
    '    cold require ms      - process start -> require(dist/handlers.js) returned (includes node start-up, "boot" below)',
    '    first READ ready     - process start -> the cfn library logs that it waits for log delivery; the response exists then',
    '    first READ answered  - process start -> the entrypoint promise resolved (baseline: ready + the library\'s fixed 1-s sleep + log flush;',
    '                           ours: ready + log flush, runtime/log-drain.ts drops the sleep)',
    '  Ours reads its task record from SSM (GetParameter -> ParameterNotFound -> FAILED NotFound); the template\'s read is a stub that returns SUCCESS.',
    '  OS file cache is warm (the warm-up process), as on a Lambda host; no Lambda init or network latency is included.',
    '',
    ...table(rows),
    '',
    '  Cold runs:',
    ...[...result.types, b].map(samples),
    '',
    `  Baseline: ${b.folder} (${b.builtThisRun ? 'built this run' : 'cached'}; delete it to rebuild). ${b.notes.join('. ')}.`,
    '',
    '  Targets:',
    ...table(result.targets.map((t) => [t.pass ? 'PASS' : 'FAIL', t.typeName, t.target, t.value]), 99),
    '',
    `  ${passed} of ${result.targets.length} package targets pass.`,
  ].join('\n');
}

/** Measures (building the baseline on the first run) and returns the printable report. */
export async function packageReport(options: MeasureOptions = {}): Promise<string> {
  return formatPackageReport(await measurePackages(options));
}

if (require.main === module) {
  const progress = (line: string) => process.stderr.write(`[package-size] ${line}\n`);
  measurePackages({ log: progress })
    .then((result) => {
      const text = formatPackageReport(result);
      const jsonFile = join(REPO_ROOT, '.bench', 'package-size.json');
      mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
      writeFileSync(jsonFile, JSON.stringify({ ...result, text }, null, 2) + '\n');
      process.stdout.write(`${text}\n  JSON: ${relative(REPO_ROOT, jsonFile)}\n`);
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

/**
 * What the engine itself costs (issue 11), with a no-op type so that no service is timed: a 200-resource template
 * (20 chains of 10, each resource's property a Ref to the one before) deployed and deleted with deployStack and
 * deleteStack, per resource, against calling the same no-op provisioner directly for each resource in the same
 * process; and the peak memory of that deploy: V8 heap + external above the collected heap before it (heap-peak.ts)
 * and the process's peak RSS.
 *
 *   npx tsx bench/engine-overhead.ts        prints the report, writes .bench/engine-overhead.json
 *
 * It measures in a child `node --expose-gc` (collections before each run, the parent's heap out of the numbers).
 * The engine's time includes what `orch deploy` does for every resource: validation, the dependency schedule, the
 * resolver, events appended to events.jsonl and the stack record rewritten (write-then-rename) at each step.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deleteStack, deployStack, EngineOptions, ResourceProvisioner } from '../local/engine/deploy';
import { TypeCatalog } from '../local/engine/types/catalog';
import { ResourceTypeSpec } from '../local/engine/types/resource-type';
import { LOCAL_AWS } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { collectGarbage, median, peakBytesOf } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'engine-overhead.json');
const CHILD_FLAG = '--engine-overhead-measure';
const PROGRESS = '[engine-overhead] ';
const RESOURCES = 200;
const CHAIN = 10;
const RUNS = 5;
const NOOP = 'Bench::NoOp::Resource';

/** A type the catalog validates like any other, whose resources take one string and give an Id. */
const NOOP_SPEC: ResourceTypeSpec = {
  typeName: NOOP,
  kind: 'native',
  propertiesSchema: { type: 'object', properties: { Value: { type: 'string' } }, additionalProperties: false },
  readOnlyProperties: ['Id'],
  createOnlyProperties: [],
  checkAttribute: (attribute) => (attribute === 'Id' ? undefined : `${NOOP} has no attribute ${attribute} (it has Id)`),
  attributeType: (attribute) => (attribute === 'Id' ? 'string' : undefined),
};

const noop: ResourceProvisioner = {
  create: async ({ logicalId, properties }) => ({ physicalId: `${logicalId}-${String(properties.Value ?? '').length}`, attributes: { Id: logicalId } }),
  update: async ({ previous }) => previous,
  delete: async () => undefined,
};

const previousOf = (i: number) => (i % CHAIN === 0 ? undefined : `R${i - 1}`);

function template(): object {
  const resources = Object.fromEntries(
    Array.from({ length: RESOURCES }, (_, i) => [`R${i}`, { Type: NOOP, Properties: { Value: previousOf(i) ? { Ref: previousOf(i) } : 'head' } }]),
  );
  return { Resources: resources };
}

interface Measured {
  readonly engineCreateMs: number[];
  readonly engineDeleteMs: number[];
  readonly directCreateMs: number[];
  readonly directDeleteMs: number[];
  readonly peakBytes: number[];
  readonly rssBeforeBytes: number;
  readonly maxRssBytes: number;
}

async function measure(log: (line: string) => void): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'orch-bench-overhead-'));
  const templateFile = join(dir, 'noop-200.json');
  writeFileSync(templateFile, JSON.stringify(template()));
  const catalog = new TypeCatalog([NOOP_SPEC]);
  const engine: EngineOptions = { stateDir: dir, catalog, provisioners: (type) => (type === NOOP ? noop : undefined), region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId };
  const result: Omit<Measured, 'rssBeforeBytes' | 'maxRssBytes'> = { engineCreateMs: [], engineDeleteMs: [], directCreateMs: [], directDeleteMs: [], peakBytes: [] };
  let stacks = 0;
  const timed = async (run: () => Promise<unknown>) => {
    collectGarbage();
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const engineRun = async (record: boolean) => {
    const stackName = `overhead-${++stacks}`;
    const create = await timed(async () => {
      const r = await deployStack({ ...engine, stackName, templateFile });
      if (r.status !== 'CREATE_COMPLETE') throw new Error(`${stackName}: ${r.status}: ${r.statusReason}`);
    });
    const del = await timed(() => deleteStack({ ...engine, stackName }));
    if (record) {
      result.engineCreateMs.push(create);
      result.engineDeleteMs.push(del);
    }
  };
  // The baseline: the same provisioner calls, in dependency order, with nothing around them.
  const directRun = async (record: boolean) => {
    const target = { stackName: 'direct', stackId: 'direct', type: NOOP };
    const made = new Map<string, Awaited<ReturnType<ResourceProvisioner['create']>>>();
    const create = await timed(async () => {
      for (let i = 0; i < RESOURCES; i++) {
        const previous = previousOf(i);
        made.set(`R${i}`, await noop.create({ ...target, logicalId: `R${i}`, properties: { Value: previous ? made.get(previous)!.physicalId : 'head' } }, () => undefined));
      }
    });
    const del = await timed(async () => {
      for (let i = RESOURCES - 1; i >= 0; i--) await noop.delete({ ...target, logicalId: `R${i}`, deployed: made.get(`R${i}`)!, properties: {} }, () => undefined);
    });
    if (record) {
      result.directCreateMs.push(create);
      result.directDeleteMs.push(del);
    }
  };
  try {
    log('engine overhead: warm-up');
    await engineRun(false);
    await directRun(false);
    for (let i = 0; i < RUNS; i++) {
      log(`engine overhead: run ${i + 1} of ${RUNS}`);
      await engineRun(true);
      await directRun(true);
    }
    collectGarbage();
    const rssBeforeBytes = process.memoryUsage().rss;
    for (let i = 0; i < 3; i++) {
      log(`engine overhead: peak memory, run ${i + 1} of 3`);
      const stackName = `overhead-memory-${i}`;
      result.peakBytes.push(await peakBytesOf(() => deployStack({ ...engine, stackName, templateFile })));
      await deleteStack({ ...engine, stackName });
    }
    // ru_maxrss is the process's peak: after the warm-up runs, the deploys above are what could raise it.
    return { ...result, rssBeforeBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function formatEngineOverhead(m: Measured, generatedAt: string): string {
  const per = (samples: number[]) => median(samples) / RESOURCES;
  const rows: Array<[string, number[], number[]]> = [
    ['create', m.engineCreateMs, m.directCreateMs],
    ['delete', m.engineDeleteMs, m.directDeleteMs],
  ];
  const line = (cells: string[]) => '  ' + [cells[0].padEnd(10), cells[1].padStart(16), cells[2].padStart(16), cells[3].padStart(10)].join('   ');
  return [
    `Engine overhead (local/engine/deploy), ${generatedAt}`,
    '',
    `  ${RESOURCES} resources of a no-op type (${RESOURCES / CHAIN} chains of ${CHAIN}, each a Ref to the one before), medians of ${RUNS} runs:`,
    '  deployStack / deleteStack per resource against the same no-op provisioner called directly, in order, same process.',
    '',
    line(['operation', 'engine ms/res', 'direct ms/res', 'ratio']),
    ...rows.map(([name, engine, direct]) => line([name, per(engine).toFixed(3), per(direct).toFixed(4), `${(per(engine) / per(direct)).toFixed(0)}x`])),
    '',
    ...rows.map(([name, engine]) => `    engine ${name}, whole stack: ${engine.map((ms) => ms.toFixed(0)).join(', ')} ms`),
    '',
    `  Peak memory of one ${RESOURCES}-resource deploy: heap + external ${mb(median(m.peakBytes))} above the collected heap (median of ${m.peakBytes.length}: ${m.peakBytes.map(mb).join(', ')});`,
    `  process RSS ${mb(m.rssBeforeBytes)} before the memory runs, peak RSS ${mb(m.maxRssBytes)} (ru_maxrss, the whole process's peak).`,
  ].join('\n');
}

function measureInChild(log: (line: string) => void): Promise<Measured> {
  return new Promise((resolve, reject) => {
    // tsx as a loader of a plain node process, so that --expose-gc applies to the process that measures.
    const child = fork(__filename, [CHILD_FLAG], { cwd: REPO_ROOT, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let result: Measured | undefined;
    let output = '';
    child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-8000)));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.startsWith(PROGRESS)) log(line.slice(PROGRESS.length));
      output = (output + text).slice(-8000);
    });
    child.on('message', (message) => (result = message as Measured));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`the engine overhead bench exited with code ${code}\n${output}`))));
  });
}

/** Measures in a child process and returns the printable report; writes the JSON beside it. */
export async function engineOverheadReport(options: { log?: (line: string) => void } = {}): Promise<string> {
  const measured = await measureInChild(options.log ?? (() => undefined));
  const generatedAt = new Date().toISOString();
  const text = formatEngineOverhead(measured, generatedAt);
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify({ generatedAt, resources: RESOURCES, runs: RUNS, ...measured, text }, null, 2) + '\n');
  return text;
}

if (process.argv.includes(CHILD_FLAG)) {
  measure((line) => process.stderr.write(`${PROGRESS}${line}\n`))
    .then((m) => process.send!(m, () => process.exit(0)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else if (require.main === module) {
  engineOverheadReport({ log: (line) => process.stderr.write(`${PROGRESS}${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

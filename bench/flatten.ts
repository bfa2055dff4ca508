/**
 * Flattening and filtering a large output: ours (runtime/flatten.ts, as the types call it) against CDK's own flatten
 * (the one AwsCustomResource's handler runs, loaded from aws-cdk-lib, see cdk-flatten.ts), on the same inputs in the
 * same process. Time and peak memory, with and without OutputPaths.
 *
 *   npx tsx bench/flatten.ts [--no-s3]     prints the report, writes .bench/flatten.json
 *
 * The measurements run in a child `node --expose-gc` process (collections before each run, and the parent's own
 * heap stays out of the numbers); it sends its results back over the IPC channel. With S3 (the default), the child
 * also starts moto and reads the 10 MB document through the S3 file reader's own read().
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_AWS, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { Clients } from '../runtime/clients';
import { flattenOutput, nest, outputTree } from '../runtime/flatten';
import { fileReader, OUTPUT_DEPTH as FILE_READER_DEPTH } from '../resource-types/s3-file-reader/src/file-reader';
import { OUTPUT_DEPTH as STEP_FUNCTIONS_DEPTH } from '../resource-types/stepfunctions-task/src/execution';
import { CdkFlattening, loadCdkFlattening } from './cdk-flatten';
import { FlattenInput, s3Document, stepFunctionsOutput } from './flatten-inputs';
import { median, peakBytesOf, timeOf } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'flatten.json');
const CHILD_FLAG = '--flatten-measure';

type ImplementationId = 'parse' | 'ours' | 'ours-flat' | 'cdk';

interface Implementation {
  readonly id: ImplementationId;
  readonly label: string;
  run(text: string, paths: string[] | undefined): unknown;
}

/** Every implementation starts from the JSON text, as both handlers do (an SDK response or an S3 body is parsed). */
function implementations(cdk: CdkFlattening, depth: number): Implementation[] {
  return [
    { id: 'parse', label: 'JSON.parse alone (part of every row below)', run: (text) => JSON.parse(text) },
    { id: 'ours', label: 'ours: parse, outputTree', run: (text, paths) => outputTree(JSON.parse(text), paths, depth) },
    // The definition outputTree is tested against, and what the types called before it: the flat map, then the tree.
    { id: 'ours-flat', label: 'ours in three steps: flattenOutput, nest', run: (text, paths) => nest(flattenOutput(JSON.parse(text), paths), depth) },
    // The handler's order: flatten the whole response, then filter it (with no OutputPaths the filter returns it as is).
    { id: 'cdk', label: 'CDK: parse, flatten, outputPaths filter', run: (text, paths) => cdk.filter(paths ? { outputPaths: paths } : {}, cdk.flatten(JSON.parse(text))) },
  ];
}

interface Plan {
  readonly make: () => FlattenInput;
  /** Output depth of the type this input stands for, which nest() caps at. */
  readonly depth: number;
  readonly type: string;
  readonly warmup: number;
  readonly runs: number;
  readonly memoryRuns: number;
}

const PLANS: Plan[] = [
  { make: stepFunctionsOutput, depth: STEP_FUNCTIONS_DEPTH, type: 'Orch::StepFunctions::Task', warmup: 5, runs: 20, memoryRuns: 3 },
  { make: s3Document, depth: FILE_READER_DEPTH, type: 'Orch::S3::FileReader', warmup: 1, runs: 5, memoryRuns: 3 },
];

export interface Measurement {
  readonly id: string;
  readonly label: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: number[];
  /** Median over the memory runs of the peak (heap + external) above the collected heap before the run. */
  readonly peakBytes: number;
  readonly peakSamplesBytes: number[];
}

export interface FilterCase {
  readonly filter: 'none' | 'OutputPaths';
  readonly paths: string[] | null;
  /** Keys each flattening returns, and the keys only one of them returns. */
  readonly keys: { ours: number; cdk: number; oursOnly: number; oursOnlyEmpty: number; cdkOnly: number; oursOnlyExamples: string[]; cdkOnlyExamples: string[] };
  readonly keptPercent: number;
  readonly results: Measurement[];
  /** ours (outputTree) / CDK, and ours in three steps (flattenOutput, nest) / CDK. */
  readonly ratios: { time: number; peak: number; timeWithoutNest: number; peakWithoutNest: number };
}

export interface InputResult {
  readonly name: string;
  readonly about: string;
  readonly type: string;
  readonly bytes: number;
  readonly leaves: number;
  readonly depth: number;
  readonly warmup: number;
  readonly runs: number;
  readonly memoryRuns: number;
  readonly cases: FilterCase[];
}

export interface S3ReadResult {
  readonly input: string;
  readonly bytes: number;
  readonly warmup: number;
  readonly runs: number;
  readonly memoryRuns: number;
  readonly cases: Array<{ filter: 'none' | 'OutputPaths'; result: Measurement }>;
}

export interface FlattenBenchResult {
  readonly generatedAt: string;
  readonly node: string;
  readonly cdk: { version: string; file: string };
  readonly inputs: InputResult[];
  /** The S3 file reader's read() against moto; null when skipped. */
  readonly s3: S3ReadResult | null;
  readonly s3Skipped?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The child: measuring

async function measureAll(options: { s3: boolean; log: (line: string) => void }): Promise<FlattenBenchResult> {
  const { log } = options;
  const cdk = loadCdkFlattening();
  const inputs: InputResult[] = [];
  let s3Input: { input: FlattenInput; plan: Plan } | undefined;
  for (const plan of PLANS) {
    const input = plan.make();
    const impls = implementations(cdk, plan.depth);
    const all = flattenOutput(JSON.parse(input.text), undefined);
    const cases: FilterCase[] = [];
    for (const paths of [undefined, input.paths]) {
      const filter = paths ? 'OutputPaths' : 'none';
      log(`${input.name}, ${filter}: ${plan.warmup} + ${plan.runs} timed runs and ${plan.memoryRuns} memory runs of ${impls.length} implementations`);
      const samples = new Map<string, number[]>(impls.map((i) => [i.id, []]));
      for (let run = 0; run < plan.warmup + plan.runs; run++) {
        // A different implementation goes first on each run, so that none always runs right after another's garbage.
        for (let k = 0; k < impls.length; k++) {
          const impl = impls[(run + k) % impls.length];
          const ms = await timeOf(() => impl.run(input.text, paths));
          if (run >= plan.warmup) samples.get(impl.id)!.push(ms);
        }
      }
      const peaks = new Map<string, number[]>(impls.map((i) => [i.id, []]));
      for (let run = 0; run < plan.memoryRuns; run++) {
        for (const impl of impls) peaks.get(impl.id)!.push(await peakBytesOf(() => impl.run(input.text, paths)));
      }
      const results = impls.map((impl) => measurement(impl.id, impl.label, samples.get(impl.id)!, peaks.get(impl.id)!));
      const by = (id: ImplementationId) => results.find((r) => r.id === id)!;
      const ours = flattenOutput(JSON.parse(input.text), paths);
      const theirs = Object.keys(cdk.filter(paths ? { outputPaths: paths } : {}, cdk.flatten(JSON.parse(input.text))));
      cases.push({
        filter,
        paths: paths ?? null,
        keys: keyComparison(ours, theirs),
        keptPercent: (100 * Object.keys(ours).length) / Object.keys(all).length,
        results,
        ratios: {
          time: by('ours').medianMs / by('cdk').medianMs,
          peak: by('ours').peakBytes / by('cdk').peakBytes,
          timeWithoutNest: by('ours-flat').medianMs / by('cdk').medianMs,
          peakWithoutNest: by('ours-flat').peakBytes / by('cdk').peakBytes,
        },
      });
    }
    inputs.push({
      name: input.name,
      about: input.about,
      type: plan.type,
      bytes: Buffer.byteLength(input.text),
      leaves: Object.keys(all).length,
      depth: plan.depth,
      warmup: plan.warmup,
      runs: plan.runs,
      memoryRuns: plan.memoryRuns,
      cases,
    });
    if (plan.type === 'Orch::S3::FileReader') s3Input = { input, plan };
  }
  let s3: S3ReadResult | null = null;
  let s3Skipped: string | undefined = 'skipped (--no-s3)';
  if (options.s3 && s3Input) {
    s3 = await measureS3Read(s3Input.input, s3Input.plan, log);
    s3Skipped = undefined;
  }
  return { generatedAt: new Date().toISOString(), node: process.version, cdk: { version: cdk.version, file: cdk.file }, inputs, s3, s3Skipped };
}

function measurement(id: string, label: string, samplesMs: number[], peakSamplesBytes: number[]): Measurement {
  return {
    id,
    label,
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs,
    peakBytes: median(peakSamplesBytes),
    peakSamplesBytes,
  };
}

function keyComparison(ours: Record<string, string>, theirs: string[]): FilterCase['keys'] {
  const theirSet = new Set(theirs);
  const oursOnly = Object.keys(ours).filter((k) => !theirSet.has(k));
  const cdkOnly = theirs.filter((k) => !(k in ours));
  return {
    ours: Object.keys(ours).length,
    cdk: theirs.length,
    oursOnly: oursOnly.length,
    oursOnlyEmpty: oursOnly.filter((k) => ours[k] === '{}' || ours[k] === '[]').length,
    cdkOnly: cdkOnly.length,
    oursOnlyExamples: oursOnly.slice(0, 3),
    cdkOnlyExamples: cdkOnly.slice(0, 3),
  };
}

/** The 10 MB document in a moto bucket, read by the file reader's read(): GetObject stream, parse, flatten, filter, nest. */
async function measureS3Read(input: FlattenInput, plan: Plan, log: (line: string) => void): Promise<S3ReadResult> {
  log('S3: starting moto');
  const aws = await startLocalAws({ log });
  try {
    Object.assign(process.env, aws.env);
    const s3 = new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint: aws.endpoint });
    const Bucket = `orch-flatten-bench-${process.pid}`;
    const Key = 'export/customers.json';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: input.text, ContentType: 'application/json' }));
    s3.destroy();
    const clients = new Clients(LOCAL_AWS.credentials, LOCAL_AWS.region);
    const cases: S3ReadResult['cases'] = [];
    for (const paths of [undefined, input.paths]) {
      const filter = paths ? 'OutputPaths' : 'none';
      log(`S3: ${filter}: ${plan.warmup} + ${plan.runs} timed reads and ${plan.memoryRuns} memory reads`);
      const read = () => fileReader.read({ clients, props: { Bucket, Key, ...(paths ? { OutputPaths: paths } : {}) } });
      const samples: number[] = [];
      for (let run = 0; run < plan.warmup + plan.runs; run++) {
        const ms = await timeOf(read);
        if (run >= plan.warmup) samples.push(ms);
      }
      const peaks: number[] = [];
      for (let run = 0; run < plan.memoryRuns; run++) peaks.push(await peakBytesOf(read));
      cases.push({ filter, result: measurement('ours-s3', "ours: the file reader's read() from moto", samples, peaks) });
    }
    return { input: input.name, bytes: Buffer.byteLength(input.text), warmup: plan.warmup, runs: plan.runs, memoryRuns: plan.memoryRuns, cases };
  } finally {
    await aws.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: running the child, writing the results, the report

export interface FlattenReportOptions {
  /** Also read the 10 MB document from moto through the file reader (default true). */
  readonly s3?: boolean;
  readonly log?: (line: string) => void;
}

/** Runs the measurements in a child `node --expose-gc`, writes .bench/flatten.json, and returns the report. */
export async function flattenReport(options: FlattenReportOptions = {}): Promise<string> {
  const result = await measureInChild(options);
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  const text = formatReport(result);
  writeFileSync(OUT_FILE, JSON.stringify({ ...result, text }, null, 2) + '\n');
  return text;
}

function measureInChild(options: FlattenReportOptions): Promise<FlattenBenchResult> {
  const log = options.log ?? (() => undefined);
  return new Promise((resolve, reject) => {
    const args = [CHILD_FLAG, ...(options.s3 === false ? ['--no-s3'] : [])];
    // tsx as a loader of a plain node process, so that --expose-gc applies to the process that measures.
    const child = fork(__filename, args, { cwd: REPO_ROOT, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let result: FlattenBenchResult | undefined;
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.startsWith(PROGRESS)) log(line.slice(PROGRESS.length));
      output = (output + text).slice(-8000);
    });
    child.on('message', (message) => (result = message as FlattenBenchResult));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`the flatten bench process exited with code ${code}\n${output}`));
    });
  });
}

const PROGRESS = '[flatten] ';

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
const msText = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const x = (r: number) => `${r.toFixed(2)}x`;
const n = (value: number) => value.toLocaleString('en-US');
const emptyShare = (k: FilterCase['keys']) => (k.oursOnlyEmpty === k.oursOnly ? 'all empty objects or arrays' : `${n(k.oursOnlyEmpty)} of them empty objects or arrays`);
const pad = (s: string, width: number) => s.padEnd(width);
const padStart = (s: string, width: number) => s.padStart(width);

export function formatReport(result: FlattenBenchResult): string {
  const lines = [
    `Flatten benchmark, ${result.generatedAt} (node ${result.node}, aws-cdk-lib ${result.cdk.version})`,
    '',
    "ours: runtime/flatten.ts outputTree (one walk: OutputPaths filter, leaves as strings, the tree to the type's",
    '      output depth), as the types call it; "in three steps" is flattenOutput then nest, its tested definition.',
    "CDK:  flatten and the outputPaths filter of AwsCustomResource's handler, as aws-cdk-lib ships them in",
    `      ${result.cdk.file}`,
    '      (loaded from node_modules at bench time, see bench/cdk-flatten.ts).',
    'Every row starts from the same JSON text in the same process and includes JSON.parse. Time: median of the timed',
    'runs after warm-up runs, each from a collected heap. Peak: V8 heap + external memory above the collected heap before',
    'the run, including the result, median of the memory runs (v8.GCProfiler: exact at every collection and at the end).',
    'Garbage counts until it is collected, so a peak follows when V8 chooses to collect: differences of a few percent',
    'between rows mean nothing.',
  ];
  for (const input of result.inputs) {
    lines.push(
      '',
      `${input.name}: ${input.about} (${input.type}, output depth ${input.depth})`,
      `  ${n(input.bytes)} bytes, ${n(input.leaves)} leaves; ${input.runs} timed runs after ${input.warmup} warm-up, ${input.memoryRuns} memory runs`,
    );
    for (const c of input.cases) {
      const filter = c.paths ? `OutputPaths ${JSON.stringify(c.paths)}: ${c.keptPercent.toFixed(2)}% of the leaves kept` : 'no OutputPaths';
      lines.push('', `  ${filter}`, `    ${pad('', 44)}${padStart('median', 10)}${padStart('min', 10)}${padStart('max', 10)}${padStart('peak', 11)}`);
      for (const r of c.results) {
        lines.push(`    ${pad(r.label, 44)}${padStart(msText(r.medianMs), 10)}${padStart(msText(r.minMs), 10)}${padStart(msText(r.maxMs), 10)}${padStart(mb(r.peakBytes), 11)}`);
      }
      lines.push(
        `    ours / CDK: time ${x(c.ratios.time)}, peak ${x(c.ratios.peak)}; in three steps: time ${x(c.ratios.timeWithoutNest)}, peak ${x(c.ratios.peakWithoutNest)}`,
        `    keys: ours ${n(c.keys.ours)}, CDK ${n(c.keys.cdk)}` +
          (c.keys.oursOnly ? `; only ours ${n(c.keys.oursOnly)}, ${emptyShare(c.keys)} (e.g. ${c.keys.oursOnlyExamples.join(', ')})` : '') +
          (c.keys.cdkOnly ? `; only CDK ${n(c.keys.cdkOnly)} (e.g. ${c.keys.cdkOnlyExamples.join(', ')})` : ''),
      );
    }
  }
  lines.push(
    '',
    'Keys: ours keeps an empty object or array as a leaf ("{}", "[]") and writes every leaf as a string; CDK drops empty',
    'objects and arrays and keeps leaves as JSON values. CDK keeps a key that merely starts with a path (path "a.1" keeps',
    '"a.10"); ours keeps the path and what is below it. The paths above are chosen so that this does not change the',
    'selection.',
  );
  lines.push('', `${result.s3 ? result.s3.input : 'S3 JSON file, 10 MB'} read from S3 (moto) by Orch::S3::FileReader's read(): GetObject stream,`);
  if (!result.s3) {
    lines.push(`  ${result.s3Skipped}`);
  } else {
    lines.push(
      `  parse, flatten, filter, nest. ${result.s3.runs} timed reads after ${result.s3.warmup} warm-up, ${result.s3.memoryRuns} memory reads. Time includes`,
      "  moto (a local Python server) serving 10 MB. CDK has no counterpart: AwsCustomResource's GetObject returns the body",
      '  as one string attribute, it does not parse it.',
    );
    for (const { filter, result: r } of result.s3.cases) {
      const inProcess = result.inputs.find((i) => i.name === result.s3!.input)?.cases.find((c) => c.filter === filter)?.results.find((m) => m.id === 'ours');
      lines.push(
        `    ${pad(filter === 'none' ? 'no OutputPaths' : 'OutputPaths', 16)} median ${msText(r.medianMs)} (min ${msText(r.minMs)}, max ${msText(r.maxMs)}), peak ${mb(r.peakBytes)}` +
          (inProcess ? `; in process from the text: ${msText(inProcess.medianMs)}, ${mb(inProcess.peakBytes)}` : ''),
      );
    }
  }
  lines.push('', `JSON: ${relative(REPO_ROOT, OUT_FILE)}`);
  return lines.join('\n');
}

if (process.argv.includes(CHILD_FLAG)) {
  const log = (line: string) => process.stderr.write(`${PROGRESS}${line}\n`);
  measureAll({ s3: !process.argv.includes('--no-s3'), log })
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else if (require.main === module) {
  flattenReport({ s3: !process.argv.includes('--no-s3'), log: (line) => process.stderr.write(`[bench] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

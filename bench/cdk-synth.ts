/**
 * What the constructs cost at synth: an app of 100 StepFunctionsTask constructs, each feeding its output to the
 * next, against the same app written with raw CfnResource (the Expose map written by hand, Fn::GetAtt through
 * getAtt). Both apps must synthesize the same template, checked before anything is timed, so the ratio is the price
 * of the construct layer (the L2, output() and the Lazy that fills Expose, the generated L1 and its attribute tokens).
 *
 *   npx tsx bench/cdk-synth.ts [--tasks 100] [--runs 31]    prints the report, writes .bench/cdk-synth.json
 *
 * A run is `new App()` to `app.synth()` (the cloud assembly written to a temporary folder), as `cdk synth` does it.
 * A child `node --expose-gc` process measures, away from the rest of the bench's heap: warm-up runs of both, then
 * both alternately, each from a collected heap. The target is judged on the process's CPU time, which the other
 * processes of a shared machine do not add to; wall time is reported beside it. The package is the jsii-compiled one
 * (constructs/dist), rebuilt first when a source is newer.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../local/python-env';
import { collectGarbage, median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'cdk-synth.json');
const CHILD_FLAG = '--cdk-synth-measure';
export const CDK_SYNTH_TARGET = { maxRatio: 1.5 } as const;
const MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:train';
const ENV = { account: '123456789012', region: 'eu-west-1' };

type Constructs = typeof import('@cfn-orchestration/constructs');
export type BuildApp = (outdir: string, tasks: number) => App;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The research app with the constructs: each task reads the previous one's model URI and exposes two values. */
export function withConstructs({ StepFunctionsTask }: Constructs): BuildApp {
  return (outdir, tasks) => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bench', { env: ENV });
    const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Machine', MACHINE_ARN);
    let previous: InstanceType<Constructs['StepFunctionsTask']> | undefined;
    for (let i = 0; i < tasks; i++) {
      const task = new StepFunctionsTask(stack, `Task${i}`, { stateMachine: machine, input: { step: i, ...(previous && { model: previous.output('model.uri') }) } });
      task.output('metrics.accuracy');
      previous = task;
    }
    return app;
  };
}

/** The same app by hand: a CfnResource under a construct of the task's id, so the logical ids are the same too. */
export const withCfnResource: BuildApp = (outdir, tasks) => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench', { env: ENV });
  const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Machine', MACHINE_ARN);
  let previous: CfnResource | undefined;
  for (let i = 0; i < tasks; i++) {
    const resource = new CfnResource(new Construct(stack, `Task${i}`), 'Resource', {
      type: 'Orch::StepFunctions::Task',
      properties: {
        StateMachineArn: machine.stateMachineArn,
        Input: { step: i, ...(previous && { model: previous.getAtt('Outputs.ModelUri') }) },
        Expose: { MetricsAccuracy: 'metrics.accuracy', ...(i < tasks - 1 && { ModelUri: 'model.uri' }) },
      },
    });
    previous = resource;
  }
  return app;
};

interface Sample {
  readonly wallMs: number;
  /** This process's user and system CPU time over the run: what the synth costs, whatever else the machine runs. */
  readonly cpuMs: number;
}

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly samples: number[];
}

const statsOf = (samples: number[]): Stats => ({ median: median(samples), min: Math.min(...samples), samples });

interface SynthResult {
  readonly generatedAt: string;
  readonly node: string;
  readonly tasks: number;
  readonly runs: number;
  readonly constructsMs: { cpu: Stats; wall: Stats };
  readonly cfnResourceMs: { cpu: Stats; wall: Stats };
  /** Median CPU time, constructs over CfnResource: the figure the target is judged on. */
  readonly ratio: number;
  readonly wallRatio: number;
  readonly pass: boolean;
}

/** Builds constructs/dist when it is missing or older than a source file, as `npm run build:constructs` does. */
function ensureBuilt(log: (line: string) => void): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(join(dir, e.name)).mtimeMs : 0)));
  const built = join(REPO_ROOT, 'constructs', 'dist', 'lib', 'index.js');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  if (builtAt >= newest(join(REPO_ROOT, 'constructs', 'lib'))) return;
  log('building the constructs package (npm run build:constructs)');
  execFileSync('npm', ['run', '--silent', 'build:constructs'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The template of the app `build` makes with `tasks` tasks. */
export function templateOf(build: BuildApp, outdir: string, tasks: number): Record<string, any> {
  return build(outdir, tasks).synth().getStackByName('Bench').template;
}

interface MeasureOptions {
  readonly tasks: number;
  readonly runs: number;
}

/** In the child: checks both apps synthesize the same template, then times them alternately. */
async function measure({ tasks, runs }: MeasureOptions): Promise<SynthResult> {
  const ours = withConstructs(await import('@cfn-orchestration/constructs'));
  const dir = mkdtempSync(join(tmpdir(), 'orch-bench-synth-'));
  try {
    const oursTemplate = templateOf(ours, join(dir, 'check-ours'), tasks);
    if (!isDeepStrictEqual(oursTemplate, templateOf(withCfnResource, join(dir, 'check-raw'), tasks))) {
      throw new Error('the two apps synthesize different templates: the comparison would not be of the same app');
    }
    const time = async (build: BuildApp, name: string): Promise<Sample> => {
      const outdir = join(dir, name);
      // Each run starts from a collected heap, so that no run pays for the garbage the one before it left.
      collectGarbage();
      const cpu = process.cpuUsage();
      const start = performance.now();
      build(outdir, tasks).synth();
      const wallMs = performance.now() - start;
      const { user, system } = process.cpuUsage(cpu);
      rmSync(outdir, { recursive: true, force: true });
      return { wallMs, cpuMs: (user + system) / 1000 };
    };
    for (let i = 0; i < 5; i++) {
      await time(ours, `warm-ours-${i}`);
      await time(withCfnResource, `warm-raw-${i}`);
    }
    const oursMs: Sample[] = [];
    const rawMs: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternating who goes first, so neither always runs right after the other.
      if (i % 2 === 0) {
        oursMs.push(await time(ours, `ours-${i}`));
        rawMs.push(await time(withCfnResource, `raw-${i}`));
      } else {
        rawMs.push(await time(withCfnResource, `raw-${i}`));
        oursMs.push(await time(ours, `ours-${i}`));
      }
    }
    const stats = (samples: Sample[]) => ({ cpu: statsOf(samples.map((x) => x.cpuMs)), wall: statsOf(samples.map((x) => x.wallMs)) });
    const ratio = median(oursMs.map((x) => x.cpuMs)) / median(rawMs.map((x) => x.cpuMs));
    const wallRatio = median(oursMs.map((x) => x.wallMs)) / median(rawMs.map((x) => x.wallMs));
    return {
      generatedAt: new Date().toISOString(),
      node: process.version,
      tasks,
      runs,
      constructsMs: stats(oursMs),
      cfnResourceMs: stats(rawMs),
      ratio,
      wallRatio,
      pass: ratio <= CDK_SYNTH_TARGET.maxRatio,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the package if needed, then measures in a child process started with --expose-gc. */
export async function measureCdkSynth(options: Partial<MeasureOptions> & { log?: (line: string) => void } = {}): Promise<SynthResult> {
  const log = options.log ?? (() => undefined);
  const measureOptions: MeasureOptions = { tasks: options.tasks ?? 100, runs: options.runs ?? 31 };
  ensureBuilt(log);
  log(`timing the synth of ${measureOptions.tasks} tasks, ${measureOptions.runs} runs each`);
  const result = await new Promise<SynthResult>((resolve, reject) => {
    // tsx as a loader of a plain node process, so that --expose-gc applies to the process that measures.
    const child = fork(__filename, [CHILD_FLAG, JSON.stringify(measureOptions)], { cwd: REPO_ROOT, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: SynthResult | undefined;
    child.on('message', (message) => (answer = message as SynthResult));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && answer ? resolve(answer) : reject(new Error(`the synth measurement exited ${code}`))));
  });
  log(`CPU time: constructs ${result.constructsMs.cpu.median.toFixed(1)} ms, CfnResource ${result.cfnResourceMs.cpu.median.toFixed(1)} ms (medians)`);
  return result;
}

export async function cdkSynthReport(options: { log?: (line: string) => void } = {}): Promise<string> {
  const result = await measureCdkSynth({ tasks: arg('tasks', 100), runs: arg('runs', 31), log: options.log });
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  writeFileSync(OUT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  const ms = (s: Stats) => `${s.median.toFixed(1)} ms (min ${s.min.toFixed(1)})`;
  return [
    `CDK synth: an app of ${result.tasks} tasks, new App() to app.synth(), ${result.runs} runs each, alternating (Node ${result.node})`,
    '',
    '| | CPU time (median) | Wall time (median) |',
    '| --- | --- | --- |',
    `| StepFunctionsTask constructs, output() filling Expose | ${ms(result.constructsMs.cpu)} | ${ms(result.constructsMs.wall)} |`,
    `| raw CfnResource, the same template by hand | ${ms(result.cfnResourceMs.cpu)} | ${ms(result.cfnResourceMs.wall)} |`,
    `| ratio | ${result.ratio.toFixed(2)}x (target <= ${CDK_SYNTH_TARGET.maxRatio}x: ${result.pass ? 'PASS' : 'FAIL'}) | ${result.wallRatio.toFixed(2)}x |`,
    '',
    'Both apps synthesize the same template (checked before timing). The target is judged on CPU time, which other',
    "processes on the machine do not add to; wall time is shown beside it.",
    `JSON: ${relative(REPO_ROOT, OUT_FILE)}`,
  ].join('\n');
}

if (process.argv.includes(CHILD_FLAG)) {
  measure(JSON.parse(process.argv[process.argv.indexOf(CHILD_FLAG) + 1]) as MeasureOptions)
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else if (require.main === module) {
  cdkSynthReport({ log: (line) => process.stderr.write(`[bench] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

/**
 * The engine's parallelism on real handlers (issue 11): 50 independent Orch::StepFunctions::Task resources, each
 * running a 5-second Wait on moto, against the longest dependency chain of the same template (its state machine and
 * one task) and against the same 50 run serially (concurrency 1), all in the same run.
 *
 *   npx tsx bench/engine-parallel.ts [--no-serial]      prints the report, writes .bench/engine-parallel.json
 *
 * Each template is deployed through deployStack with the provisioners `orch deploy` uses (the task's shipped bundle
 * in this process), timed from the call to its result, then deleted (not timed). A warm-up deploy builds the bundle.
 * The handlers and moto share the machine's cores: with other work on them, the 50 wait on CPU and the ratio rises
 * (on 2 cores: about 1.2 s of this process's CPU and 2.5 s of moto's for the 50, 2026-12-01).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deleteStack, deployStack, EngineOptions } from '../local/engine/deploy';
import { createProvisioners } from '../local/engine/provision';
import { TypeCatalog } from '../local/engine/types/catalog';
import { LOCAL_AWS, LocalAws, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'engine-parallel.json');
const TASKS = 50;
const WAIT_SECONDS = 5;
const RUNS = 3;
/** Target: the 50 take at most this multiple of the longest chain's time. */
export const MAX_PARALLEL_RATIO = 1.2;

function template(tasks: number): object {
  const resources: Record<string, object> = {
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        RoleArn: `arn:aws:iam::${LOCAL_AWS.accountId}:role/bench`,
        Definition: { StartAt: 'Train', States: { Train: { Type: 'Wait', Seconds: WAIT_SECONDS, Next: 'Done' }, Done: { Type: 'Pass', End: true } } },
      },
    },
  };
  for (let i = 0; i < tasks; i++) resources[`Task${i}`] = { Type: 'Orch::StepFunctions::Task', Properties: { StateMachineArn: { Ref: 'Machine' }, Input: { index: i } } };
  return { Resources: resources };
}

interface Run {
  readonly label: string;
  readonly tasks: number;
  readonly concurrency?: number;
  readonly samplesMs: number[];
  readonly medianMs: number;
}

async function measure(log: (line: string) => void, serial: boolean): Promise<Run[]> {
  const dir = mkdtempSync(join(tmpdir(), 'orch-bench-parallel-'));
  const catalog = TypeCatalog.load();
  const prov = await createProvisioners({ stateDir: dir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId });
  const engine: EngineOptions = { stateDir: dir, catalog, provisioners: prov.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId };
  let stacks = 0;
  const deployOnce = async (tasks: number, concurrency?: number): Promise<number> => {
    const templateFile = join(dir, `tasks-${tasks}.json`);
    writeFileSync(templateFile, JSON.stringify(template(tasks)));
    const stackName = `bench-parallel-${++stacks}`;
    const started = performance.now();
    const result = await deployStack({ ...engine, stackName, templateFile, ...(concurrency && { concurrency }) });
    const ms = performance.now() - started;
    if (result.status !== 'CREATE_COMPLETE') throw new Error(`${stackName}: ${result.status}: ${result.statusReason}`);
    const deleted = await deleteStack({ ...engine, stackName });
    if (deleted.status !== 'DELETE_COMPLETE') throw new Error(`${stackName} delete: ${deleted.status}: ${deleted.statusReason}`);
    return ms;
  };
  try {
    log('engine parallel: warm-up (builds the task bundle)');
    await deployOnce(1);
    const rows: Array<Omit<Run, 'samplesMs' | 'medianMs'> & { samplesMs: number[] }> = [
      { label: 'longest chain: the state machine, then one task', tasks: 1, samplesMs: [] },
      { label: `${TASKS} independent tasks`, tasks: TASKS, samplesMs: [] },
    ];
    // Interleaved, so that a change in the machine's load (other processes on its cores) reaches both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const row of rows) {
        log(`engine parallel: ${row.label}, run ${i + 1} of ${RUNS}`);
        row.samplesMs.push(await deployOnce(row.tasks));
      }
    }
    if (serial) {
      const row = { label: `${TASKS} independent tasks, concurrency 1`, tasks: TASKS, concurrency: 1, samplesMs: [] as number[] };
      log(`engine parallel: ${row.label} (about ${TASKS * WAIT_SECONDS} s)`);
      row.samplesMs.push(await deployOnce(TASKS, 1));
      rows.push(row);
    }
    const runs: Run[] = rows.map((row) => ({ ...row, medianMs: median(row.samplesMs) }));
    return runs;
  } finally {
    await prov.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatEngineParallel(runs: readonly Run[], generatedAt: string): string {
  const [chain, parallel, serial] = runs;
  const ratio = parallel.medianMs / chain.medianMs;
  const line = (cells: string[]) => '  ' + [cells[0].padEnd(52), cells[1].padStart(10), cells[2].padStart(14)].join('   ');
  return [
    `Engine parallelism (local/engine/deploy + provision), ${generatedAt}`,
    '',
    `  Orch::StepFunctions::Task resources, each a ${WAIT_SECONDS} s Wait on moto, deployed with deployStack (in-process bundles);`,
    `  wall time from the call to CREATE_COMPLETE, median of ${RUNS} runs (the serial one: 1 run); ratios against the longest chain.`,
    '',
    line(['template', 'wall s', 'vs chain']),
    ...runs.map((r) => line([r.label, (r.medianMs / 1000).toFixed(2), `${(r.medianMs / chain.medianMs).toFixed(2)}x`])),
    '',
    ...runs.map((r) => `    ${r.label}: ${r.samplesMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`),
    ...(serial ? [`  the ${TASKS} in parallel take ${((parallel.medianMs / serial.medianMs) * 100).toFixed(1)}% of their serial time`] : []),
    '',
    `  ${ratio <= MAX_PARALLEL_RATIO ? 'PASS' : 'FAIL'}  ${TASKS} independent tasks <= ${MAX_PARALLEL_RATIO}x the longest chain: ${ratio.toFixed(2)}x`,
  ].join('\n');
}

/** Measures (starting moto unless `aws` is given) and returns the printable report; writes the JSON beside it. */
export async function engineParallelReport(options: { aws?: LocalAws; log?: (line: string) => void; serial?: boolean } = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const aws = options.aws ?? (await startLocalAws({ log }));
  Object.assign(process.env, aws.env);
  try {
    const runs = await measure(log, options.serial ?? true);
    const generatedAt = new Date().toISOString();
    const text = formatEngineParallel(runs, generatedAt);
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    writeFileSync(OUT_FILE, JSON.stringify({ generatedAt, tasks: TASKS, waitSeconds: WAIT_SECONDS, maxRatio: MAX_PARALLEL_RATIO, runs, text }, null, 2) + '\n');
    return text;
  } finally {
    if (!options.aws) await aws.stop();
  }
}

if (require.main === module) {
  delete process.env.ORCH_POLL_WINDOW_SECONDS;
  engineParallelReport({ log: (line) => process.stderr.write(`[engine-parallel] ${line}\n`), serial: !process.argv.includes('--no-serial') })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

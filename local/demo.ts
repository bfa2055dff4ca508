/**
 * The local demo, the README's main job: the research pipeline (examples/research-pipeline) deployed, updated and
 * deleted with the real `orch` command, run as child processes exactly as a user types it:
 *
 *   orch up; orch deploy pipeline.yaml (events live, then the outputs); orch deploy consumer.yaml; orch deploy
 *   pipeline.yaml with a new ModelVersion (only what it changes runs again); orch delete of the pipeline, refused while
 *   the consumer imports its exports; orch deploy of the CDK app's synthesized template; orch list; orch delete of
 *   each, the consumer first; orch down.
 *
 *   npm ci && npm run demo
 *
 * Everything lives in a state directory of its own (ORCH_STATE_DIR, a temporary folder), so the demo neither sees nor
 * changes the user's `.orch`, and each run starts with an empty git repository.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBundle } from './engine/provision';
import { readEvents, readStack } from './engine/state/stack-store';
import { orch } from './orch-child';
import { servicesInfo } from './services';
import { gitCli } from './process';
import { typeFolders } from '../tools/type-folders';

const ROOT = join(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'research-pipeline');
const PIPELINE = 'research-pipeline';
const CONSUMER = 'research-consumer';
const CDK_STACK = 'research-pipeline-cdk';
// What the import refusal exits with (local/cli/io.ts EXIT.refused).
const REFUSED = 3;

const say = (line = '') => process.stdout.write(`${line}\n`);
const started = Date.now();
const step = (title: string) => say(`\n== ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s  ${title}\n`);

/** The CDK app, synthesized in a child process while the YAML stacks deploy (aws-cdk-lib takes seconds to load). */
function synthesizeCdkApp(outdir: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(EXAMPLE, 'cdk', 'app.ts')], { env: { ...env, CDK_OUTDIR: outdir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(join(outdir, 'ResearchPipeline.template.json')) : reject(new Error(`cdk synth failed:\n${stderr}`))));
  });
}

/** Resources the last update of `stack` ran an update (or replacement) for: what changed, and what follows it. */
function updatedByLastDeploy(stateDir: string, stack: string): string[] {
  const events = readEvents(stateDir, stack);
  const start = events.map((e) => e.logicalId === stack && e.status === 'UPDATE_IN_PROGRESS').lastIndexOf(true);
  return [...new Set(events.slice(start + 1).filter((e) => e.logicalId !== stack && e.status === 'UPDATE_COMPLETE').map((e) => e.logicalId))];
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'orch-demo-'));
  // Its own services only: AWS and orch settings of the calling shell (such as an `eval "$(orch up)"`) stay behind.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|ORCH_)/.test(name)));
  const env: NodeJS.ProcessEnv = { ...inherited, ORCH_STATE_DIR: stateDir, NODE_NO_WARNINGS: '1' };
  const run = async (args: string[], expected = 0) => {
    say(`$ orch ${args.map((a) => (a.startsWith(stateDir) ? a.replace(stateDir, '$ORCH_STATE_DIR') : a)).join(' ')}`);
    const { code } = await orch(args, { env, cwd: ROOT });
    if (code !== expected) throw new Error(`orch ${args[0]} exited ${code}, not ${expected}`);
  };
  const synthesized = synthesizeCdkApp(join(stateDir, 'cdk.out'), env);
  synthesized.catch(() => undefined);
  // What the first `orch deploy` would do on each type's first use, done while the services start: bundle the types.
  const bundled = Promise.all(typeFolders().map((folder) => ensureBundle(join(stateDir, 'bundles'), folder.dir, folder.schemaFile)));
  bundled.catch(() => undefined);
  let up = false;
  // Ctrl-C reaches the running orch too, which stops and exits 130; the demo goes on to stop the services.
  // (It may arrive twice, from the terminal and relayed by tsx: said once.)
  let interrupted = false;
  process.on('SIGINT', () => interrupted || ((interrupted = true), say('\ninterrupted: stopping the local services')));
  try {
    step('orch up: moto (Step Functions executing), the Lambda endpoint and the git server, in the background');
    up = true;
    await run(['up']);
    const services = servicesInfo(stateDir);
    if (!services) throw new Error(`orch up left no services.json in ${stateDir}`);
    const git = (repository: string) => [
      `GitRepositoryUrl=${services.gitUrl}/${repository}.git`,
      `GitCredentialsSecretArn=${services.gitCredentialsSecretArn}`,
      'GitServerIsLocal=true',
    ];
    const pipeline = join('examples', 'research-pipeline', 'pipeline.yaml');

    await bundled;
    step('Deploy the pipeline: dataset, train and evaluate, model card, release to git');
    await run(['deploy', pipeline, '--stack', PIPELINE, '--parameters', ...git('research')]);
    const outputs = readStack(stateDir, PIPELINE)!.outputs;
    say(`\nThe release commit ${outputs.ReleaseCommitSha.value} in the local git server's repository:`);
    const repository = join(stateDir, 'git', 'research.git');
    say((await gitCli(['log', '--stat', '--format=%h %d %s', String(outputs.ReleaseTag.value)], repository)).trimEnd().replace(/^/gm, '    '));

    step('A second stack importing the pipeline\'s exports');
    await run(['deploy', join('examples', 'research-pipeline', 'consumer.yaml'), '--stack', CONSUMER]);

    step('Update the pipeline with a new parameter: ModelVersion=2');
    await run(['deploy', pipeline, '--stack', PIPELINE, '--parameters', ...git('research'), 'ModelVersion=2']);
    const reran = updatedByLastDeploy(stateDir, PIPELINE);
    say(`\nRan again: ${reran.join(', ')}: Train because its Input holds ModelVersion, ModelCard and Release because they`);
    say("follow Train's ExecutionArn (RunToken) and read its new outputs. Nothing else was touched.");
    say((await gitCli(['log', '--format=%h %d %s', 'main'], repository)).trimEnd().replace(/^/gm, '    '));

    step('The pipeline cannot be deleted while the consumer imports its exports');
    await run(['delete', '--stack', PIPELINE], REFUSED);

    step('The CDK app (examples/research-pipeline/cdk), synthesized, deployed as a third stack');
    const template = await synthesized;
    await run(['deploy', template, '--stack', CDK_STACK, '--parameters', ...git('research-cdk')]);
    await run(['list']);

    step('Delete all, the consumer first');
    await run(['delete', '--stack', CONSUMER]);
    await run(['delete', '--stack', PIPELINE]);
    await run(['delete', '--stack', CDK_STACK]);
  } finally {
    if (up) {
      step('orch down');
      await orch(['down'], { env, cwd: ROOT });
    }
    rmSync(stateDir, { recursive: true, force: true });
  }
  say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((err) => {
  process.stderr.write(`demo: ${(err as Error).message}\n`);
  process.exit(1);
});

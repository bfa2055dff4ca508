import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { awsCallAnswerReport } from './aws-call-answer';
import { cdkSynthReport } from './cdk-synth';
import { flattenReport } from './flatten';
import { gitPublishReport } from './git-publish';
import { measureOnMoto, WaitMeasurement } from './moto-measure';
import { packageReport } from './package-size';
import { motoReport, simulationReport } from './report';
import { invocationTimeReport } from './invocation-time';
import { protocolInvokersReport } from './protocol-invokers';
import { servicesReport } from './services';
import { engineParallelReport } from './engine-parallel';
import { engineOverheadReport } from './engine-overhead';
import { simulatePolicies } from './simulation';
import { motoLagTargets } from './speed-targets';
import { evaluateTargets } from './targets';

// The bench measures the default poll window.
delete process.env.ORCH_POLL_WINDOW_SECONDS;

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, '.bench');
const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const jsonFile = join(OUT_DIR, 'backoff.json');
  const handlerLog = join(OUT_DIR, 'backoff-handler.log');
  writeFileSync(handlerLog, '');

  const started = Date.now();
  const simulation = await simulatePolicies();
  const simulationMs = Date.now() - started;
  const targets = evaluateTargets(simulation);

  let moto: WaitMeasurement[] | undefined;
  if (!process.argv.includes('--sim-only')) moto = await measureOnMoto(handlerLog, progress);

  const lagTargets = moto ? motoLagTargets(moto) : [];
  const failed = [...targets, ...lagTargets].filter((t) => !t.pass).length;
  const text = [
    `Backoff benchmark, ${new Date().toISOString()}`,
    '',
    ...simulationReport(simulation, targets, simulationMs),
    '',
    ...motoReport(moto, relative(ROOT, handlerLog)),
    ...(lagTargets.length ? ['', 'TARGETS (ours, measured on moto)', ...lagTargets.flatMap((t) => [`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.target}`, `        ${t.detail}`])] : []),
    '',
    `${targets.length + lagTargets.length - failed} of ${targets.length + lagTargets.length} targets pass. JSON: ${relative(ROOT, jsonFile)}`,
    '',
  ].join('\n');
  process.stdout.write(text);
  // Package size and cold load (issue: registrable packages); writes .bench/package-size.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-package')) {
    process.stdout.write(`\n${await packageReport({ log: progress })}\n`);
  }
  // Invocation time without the cfn library's fixed pauses, against the library as shipped (issue 9); writes .bench/invocation-time.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-invocation')) {
    process.stdout.write(`\n${await invocationTimeReport({ log: progress })}\n`);
  }
  // Flattening a large output, ours against CDK's (issue 4); writes .bench/flatten.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-flatten')) {
    process.stdout.write(`\n${await flattenReport({ log: progress })}\n`);
  }
  // Publishing an S3 prefix to git, ours against the git CLI (issue 5); writes .bench/git-publish.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-git')) {
    process.stdout.write(`\n${await gitPublishReport({ log: progress })}\n`);
  }
  // Synth of 100 StepFunctionsTask constructs against the same app in raw CfnResource (issue 10); writes .bench/cdk-synth.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-cdk-synth')) {
    process.stdout.write(`\n${await cdkSynthReport({ log: progress })}\n`);
  }
  // Orch::Aws::Call: a 1 MB answer filtered to three outputs against CDK's AwsCustomResource handler (issue 12); writes .bench/aws-call-answer.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-aws-call')) process.stdout.write(`\n${await awsCallAnswerReport({ log: progress })}\n`);
  // Each protocol invoker's cost per request against the in-process entrypoint (issue 11); writes .bench/protocol-invokers.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-protocol')) {
    process.stdout.write(`\n${await protocolInvokersReport({ log: progress })}\n`);
  }
  // orch up's start against moto's own, and an Invoke through the daemon's sandbox against a plain endpoint (issue 11); writes .bench/services.json itself.
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-services')) {
    process.stdout.write(`\n${await servicesReport({ log: progress })}\n`);
  }
  // 50 independent Orch tasks against the longest chain and against serial, engine overhead and memory with a no-op type (issue 11).
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-engine')) process.stdout.write(`\n${await engineParallelReport({ log: progress, serial: !process.argv.includes('--no-engine-serial') })}\n`);
  if (!process.argv.includes('--sim-only') && !process.argv.includes('--no-engine')) process.stdout.write(`\n${await engineOverheadReport({ log: progress })}\n`);
  writeFileSync(jsonFile, JSON.stringify({ generatedAt: new Date().toISOString(), simulationMs, simulation, targets: [...targets, ...lagTargets], moto: moto ?? null, text }, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

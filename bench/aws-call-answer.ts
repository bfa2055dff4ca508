/**
 * A 1 MB SDK answer filtered to three outputs: Orch::Aws::Call's handler (the answer made plain, then Output and
 * the three Outputs its Expose names, as call.ts does) against CDK's AwsCustomResource handler code on the same answer
 * (its flatten of the whole response, then its outputPaths filter, loaded from aws-cdk-lib: see cdk-flatten.ts).
 * Same process, same answer object, median of the runs after a warm-up; the ratio is ours / CDK's.
 *
 *   npx tsx bench/aws-call-answer.ts     prints the report, writes .bench/aws-call-answer.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../local/python-env';
import { plainAnswer } from '../resource-types/aws-call/src/answer';
import { answerAttributes } from '../resource-types/aws-call/src/call';
import { loadCdkFlattening } from './cdk-flatten';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'aws-call-answer.json');
const WARMUP = 5;
const RUNS = 25;

/** An SSM GetParametersByPath-like answer of about `bytes` of JSON, with a binary field as SDK answers have. */
export function largeAnswer(bytes = 1024 * 1024): Record<string, unknown> {
  const one = (i: number) => ({
    Name: `/app/config/param-${i}`,
    Type: 'String',
    Value: JSON.stringify({ index: i, owner: 'team-a', settings: { retries: 3, timeoutSeconds: 30 } }),
    Version: 1,
    LastModifiedDate: new Date(Date.UTC(2026, 11, 1)),
    ARN: `arn:aws:ssm:eu-west-1:123456789012:parameter/app/config/param-${i}`,
    DataType: 'text',
  });
  const size = JSON.stringify(one(0)).length;
  const parameters = Array.from({ length: Math.ceil(bytes / size) }, (_, i) => one(i));
  return { Parameters: parameters, Signature: new Uint8Array(Buffer.from('signed')), $metadata: { httpStatusCode: 200, requestId: 'bench' } };
}

const PATHS = ['Parameters.0.Name', 'Parameters.500.Value', 'Parameters.1000.ARN'];

interface Row {
  readonly label: string;
  readonly medianMs: number;
  readonly keptBytes: number;
}

async function medianMs(run: () => Promise<unknown> | unknown): Promise<{ ms: number; kept: unknown }> {
  let kept: unknown;
  for (let i = 0; i < WARMUP; i++) kept = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    kept = await run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), kept };
}

export async function measureAwsCallAnswer(): Promise<{ answerBytes: number; rows: Row[]; ratio: number; cdkVersion: string }> {
  const answer = largeAnswer();
  const answerBytes = JSON.stringify(answer).length;
  const cdk = loadCdkFlattening();
  const expose = { First: PATHS[0], Middle: PATHS[1], Last: PATHS[2] };
  const ours = await medianMs(async () => {
    // What the AwsCall construct writes: nothing kept in Output, three values in Expose.
    const outcome = answerAttributes('OnCreate', { Service: 'ssm', Action: 'GetParametersByPath', OutputPaths: [], Expose: expose }, await plainAnswer(answer), 'bench', 'ssm GetParametersByPath');
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.attributes.Outputs;
  });
  const theirs = await medianMs(() => cdk.filter({ outputPaths: PATHS }, cdk.flatten(answer)));
  const rows: Row[] = [
    { label: 'ours: plain answer, Output (OutputPaths []), Outputs (three Expose paths)', medianMs: ours.ms, keptBytes: JSON.stringify(ours.kept).length },
    { label: `CDK ${cdk.version} AwsCustomResource handler: flatten, outputPaths filter`, medianMs: theirs.ms, keptBytes: JSON.stringify(theirs.kept).length },
  ];
  return { answerBytes, rows, ratio: ours.ms / theirs.ms, cdkVersion: cdk.version };
}

export async function awsCallAnswerReport(options: { log?: (line: string) => void } = {}): Promise<string> {
  options.log?.('Orch::Aws::Call: a 1 MB answer filtered to three outputs, ours against CDK AwsCustomResource');
  const result = await measureAwsCallAnswer();
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify({ generatedAt: new Date().toISOString(), ...result }, null, 2) + '\n');
  return [
    `Orch::Aws::Call answer filtering: ${Math.round(result.answerBytes / 1024)} KB answer, three outputs, median of ${RUNS} runs after ${WARMUP}`,
    ...result.rows.map((r) => `  ${r.medianMs.toFixed(2).padStart(8)} ms  kept ${String(r.keptBytes).padStart(4)} B  ${r.label}`),
    `  ratio ours / CDK: ${result.ratio.toFixed(2)}  JSON: ${relative(REPO_ROOT, OUT_FILE)}`,
  ].join('\n');
}

if (require.main === module) {
  awsCallAnswerReport({ log: (line) => process.stderr.write(`[bench] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

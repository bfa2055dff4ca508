/**
 * Invocation time with and without the cfn library's fixed one-second wait (runtime/log-drain.ts), in the same run.
 *
 *   npx tsx bench/invocation-time.ts      prints the report, writes .bench/invocation-time.json
 *
 * The production entrypoint of Orch::S3::FileReader answers a READ for an identifier nobody created (FAILED NotFound
 * after one SSM GetParameter), warm, in this process, against moto; "library as shipped" puts the library's own
 * waitRunningProcesses and putLogEvents back for its invocations, which alternate with ours. Twice: without a log group (what the
 * tests and the contract suite send), and with providerCredentials and providerLogGroupName, as CloudFormation sends
 * them to a type registered with a LoggingConfig (npm run register does): then the library delivers every line to
 * CloudWatch Logs (moto's, through SDK v2's global endpoint setting) before the invocation returns.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { CfnDriver, HandlerRequest } from '../local/protocol';
import { LOCAL_AWS, LocalAws, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { pointSdkV2At } from '../local/sdk-v2-endpoint';
import { CloudWatchLogPublisher } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { LIBRARY_METHODS } from '../runtime/log-drain';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'invocation-time.json');
const HANDLER_LOG = join(REPO_ROOT, '.bench', 'invocation-time-handler.log');
export const INVOCATIONS = 5;

interface Row {
  readonly requests: string;
  readonly oursMs: number;
  readonly libraryMs: number;
  readonly oursSamples: number[];
  readonly librarySamples: number[];
  readonly result: string;
}

export interface InvocationTimeResult {
  readonly generatedAt: string;
  readonly invocations: number;
  readonly rows: Row[];
}

async function measure(aws: LocalAws, log: (line: string) => void): Promise<InvocationTimeResult> {
  Object.assign(process.env, aws.env);
  const restoreV2 = pointSdkV2At(aws.endpoint);
  const { entrypoint, resource } = await import('../resource-types/s3-file-reader/src/handlers');
  const { PRIMARY_IDENTIFIER, TYPE_NAME } = await import('../resource-types/s3-file-reader/src/models');
  const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });
  const prototype = Object.getPrototypeOf(resource);
  const publisher = CloudWatchLogPublisher.prototype as unknown as Record<string, unknown>;
  const drain = Object.getOwnPropertyDescriptor(prototype, 'waitRunningProcesses');
  const unpaced = Object.getOwnPropertyDescriptor(publisher, 'putLogEvents');
  if (!drain || unpaced?.value === LIBRARY_METHODS.putLogEvents) throw new Error(`${TYPE_NAME}: runtime/log-drain.ts is not installed`);
  const asShipped = (shipped: boolean) => {
    if (shipped) delete prototype.waitRunningProcesses;
    else Object.defineProperty(prototype, 'waitRunningProcesses', drain);
    Object.defineProperty(publisher, 'putLogEvents', shipped ? { ...unpaced, value: LIBRARY_METHODS.putLogEvents } : unpaced!);
  };

  const original = console.log;
  writeFileSync(HANDLER_LOG, '');
  console.log = (...args: unknown[]) => appendFileSync(HANDLER_LOG, `${format(...args)}\n`);
  try {
    const rows: Row[] = [];
    const cases: [string, (i: number) => Partial<HandlerRequest['requestData']>][] = [
      ['READ, no log group', () => ({})],
      ['READ, with a log group (LoggingConfig)', (i) => ({ providerCredentials: { ...LOCAL_AWS.credentials }, providerLogGroupName: `orch-bench-invocation-${i}` })],
    ];
    for (const [requests, extra] of cases) {
      log(`invocation time: ${requests}, ${INVOCATIONS} + 1 warm-up invocations each`);
      const samples = { ours: [] as number[], library: [] as number[] };
      let result = '';
      for (let i = 0; i <= INVOCATIONS; i++) {
        for (const variant of ['ours', 'library'] as const) {
          asShipped(variant === 'library');
          const request = driver.request('READ', 'Missing', { resourceProperties: { Id: `BenchMissing-${Date.now()}-${i}` }, ...extra(i) });
          const invocation = await driver.send(request);
          result = [invocation.response.status, invocation.response.errorCode].filter(Boolean).join(' ');
          if (i > 0) samples[variant].push(invocation.durationMs);
        }
      }
      rows.push({ requests, oursMs: median(samples.ours), libraryMs: median(samples.library), oursSamples: samples.ours, librarySamples: samples.library, result });
    }
    // The library as shipped leaves its last line ('Log delivery completed.') on its way after returning: let it land.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { generatedAt: new Date().toISOString(), invocations: INVOCATIONS, rows };
  } finally {
    console.log = original;
    asShipped(false);
    restoreV2();
  }
}

export function formatInvocationTime(result: InvocationTimeResult): string {
  const widths = [44, 14, 22, 10];
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  return [
    `Invocation time without the library's fixed pauses, ${result.generatedAt}`,
    '',
    '  The production entrypoint of Orch::S3::FileReader, warm, in-process, against moto: a READ for an identifier nobody created.',
    '  ours = runtime/log-drain.ts: waits for log delivery without sleeping 1 s first, and sends each line to CloudWatch Logs without the',
    "  library's fixed 0.25 s pause before every PutLogEvents; library as shipped = its own waitRunningProcesses and putLogEvents.",
    `  Medians of ${result.invocations} invocations each, alternating. With a log group the library sets up the log stream and sends two`,
    '  metrics first, then delivers each line in a PutLogEvents call of its own, in order, before the invocation returns.',
    '',
    line(['requests', 'ours ms', 'library as shipped ms', 'ratio']),
    ...result.rows.map((r) => line([r.requests, r.oursMs.toFixed(0), r.libraryMs.toFixed(0), `${(r.oursMs / r.libraryMs).toFixed(2)}x`])),
    '',
    ...result.rows.map((r) => `    ${r.requests} (${r.result}): ours ${r.oursSamples.join(', ')} ms; library ${r.librarySamples.join(', ')} ms`),
    `  handler logs: ${relative(REPO_ROOT, HANDLER_LOG)}`,
  ].join('\n');
}

/** Measures (starting moto unless `aws` is given) and returns the printable report; writes the JSON beside it. */
export async function invocationTimeReport(options: { aws?: LocalAws; log?: (line: string) => void } = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const aws = options.aws ?? (await startLocalAws({ log }));
  try {
    const result = await measure(aws, log);
    const text = formatInvocationTime(result);
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    writeFileSync(OUT_FILE, JSON.stringify({ ...result, text }, null, 2) + '\n');
    return text;
  } finally {
    if (!options.aws) await aws.stop();
  }
}

if (require.main === module) {
  invocationTimeReport({ log: (line) => process.stderr.write(`[invocation-time] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

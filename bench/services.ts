/**
 * What `orch up`'s services cost, in the same run, against baselines: the start of the whole daemon against moto's
 * own start, and an Invoke of an inline function through the daemon's Lambda endpoint (its own worker sandbox, the
 * stored configuration read from moto) against the same handler behind a plain in-process endpoint.
 *
 *   npx tsx bench/services.ts      prints the report, writes .bench/services.json
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaHandler, startLambdaEndpoint } from '../local/lambda-endpoint';
import { LOCAL_AWS, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import { startServices, stopServices } from '../local/services';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'services.json');
const ROUNDS = 3;
const FUNCTIONS = 5;
const WARM_INVOKES = 20;
const SOURCE = 'exports.handler = async (event) => ({ ok: true, echo: event });';

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await run();
  return [value, since(start)];
}

async function invokeAll(endpoint: string, names: readonly string[], times: number): Promise<number[]> {
  const lambda = new LambdaClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint });
  const samples: number[] = [];
  for (const FunctionName of names) {
    for (let i = 0; i < times; i++) samples.push((await timed(() => lambda.send(new InvokeCommand({ FunctionName, Payload: '{"x":1}' }))))[1]);
  }
  return samples;
}

interface Measured {
  readonly motoStartMs: number[];
  readonly upMs: number[];
  readonly downMs: number[];
  readonly plainEndpointMs: number[];
  readonly firstInvokeMs: number[];
  readonly warmInvokeMs: number[];
}

async function measure(log: (line: string) => void): Promise<Measured> {
  const m: Measured = { motoStartMs: [], upMs: [], downMs: [], plainEndpointMs: [], firstInvokeMs: [], warmInvokeMs: [] };
  const handler = new Function('exports', `${SOURCE}; return exports.handler;`)({}) as LambdaHandler;
  const names = Array.from({ length: FUNCTIONS }, (_, i) => `bench${i}`);
  for (let round = 0; round < ROUNDS; round++) {
    log(`services: round ${round + 1} of ${ROUNDS}`);
    const [aws, motoMs] = await timed(() => startLocalAws());
    m.motoStartMs.push(motoMs);
    await aws.stop();

    const plain = await startLambdaEndpoint(Object.fromEntries(names.map((n) => [n, handler])));
    m.plainEndpointMs.push(...(await invokeAll(plain.url, names, WARM_INVOKES)));
    await plain.close();

    const stateDir = mkdtempSync(join(tmpdir(), 'orch-bench-services-'));
    try {
      const [info, upMs] = await timed(() => startServices(stateDir));
      m.upMs.push(upMs);
      for (const name of names) {
        mkdirSync(join(stateDir, 'functions', name), { recursive: true });
        writeFileSync(join(stateDir, 'functions', name, 'index.js'), SOURCE);
        writeFileSync(join(stateDir, 'functions', name, 'function.json'), JSON.stringify({ module: 'index', exportName: 'handler', timeoutSeconds: 10 }));
      }
      m.firstInvokeMs.push(...(await invokeAll(info.lambdaEndpoint, names, 1)));
      m.warmInvokeMs.push(...(await invokeAll(info.lambdaEndpoint, names, WARM_INVOKES)));
      m.downMs.push((await timed(() => stopServices(stateDir)))[1]);
    } finally {
      await stopServices(stateDir);
      rmSync(stateDir, { recursive: true, force: true });
    }
  }
  return m;
}

export function formatServices(m: Measured, generatedAt: string): string {
  const row = (what: string, samples: number[], baseline?: [string, number[]]) =>
    `  ${what.padEnd(56)} ${median(samples).toFixed(1).padStart(8)} ms  (${String(samples.length).padStart(3)})` +
    (baseline ? `  ${(median(samples) / median(baseline[1])).toFixed(2)}x ${baseline[0]}` : '');
  return [
    `Local services (orch up), ${generatedAt}`,
    '',
    `  Medians over ${ROUNDS} rounds (sample counts in brackets); each ratio against a baseline measured in the same run.`,
    row('moto server alone: start until it answers', m.motoStartMs),
    row('orch up (startServices): daemon, moto, endpoints, secret', m.upMs, ['moto alone', m.motoStartMs]),
    row('orch down (stopServices): until every process is gone', m.downMs),
    '',
    row('Invoke, plain in-process endpoint (no sandbox)', m.plainEndpointMs),
    row('Invoke through the daemon, warm sandbox', m.warmInvokeMs, ['the plain endpoint', m.plainEndpointMs]),
    row('Invoke through the daemon, first (new worker sandbox)', m.firstInvokeMs, ['the plain endpoint', m.plainEndpointMs]),
    '  (the daemon reads each function\'s stored Environment and Timeout from moto at every Invoke)',
  ].join('\n');
}

/** Measures and returns the printable report; writes the JSON beside it. */
export async function servicesReport(options: { log?: (line: string) => void } = {}): Promise<string> {
  const measured = await measure(options.log ?? (() => undefined));
  const generatedAt = new Date().toISOString();
  const text = formatServices(measured, generatedAt);
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify({ generatedAt, ...measured, text }, null, 2) + '\n');
  return text;
}

if (require.main === module) {
  servicesReport({ log: (line) => process.stderr.write(`[services] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

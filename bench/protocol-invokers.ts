/**
 * What each protocol invoker (local/protocol) costs per request, in the same run, against the in-process baseline.
 *
 *   npx tsx bench/protocol-invokers.ts      prints the report, writes .bench/protocol-invokers.json
 *
 * The same request each time: a READ of Orch::S3::FileReader for an identifier nobody created (FAILED NotFound
 * after one SSM GetParameter) against moto, through the entrypoint in this process, through the Lambda Invoke API
 * at the loopback endpoint (the entrypoint behind it, in this process), and through the shipped bundle in a fresh
 * `node` process per request (a cold start every time).
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { format } from 'node:util';
import { startLambdaEndpoint } from '../local/lambda-endpoint';
import { LocalAws, startLocalAws } from '../local/local-aws';
import { CfnDriver, inProcessInvoker, Invoker, lambdaInvoker, processInvoker } from '../local/protocol';
import { REPO_ROOT } from '../local/python-env';
import { bundleType } from '../tools/bundle';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'protocol-invokers.json');
const HANDLER_LOG = join(REPO_ROOT, '.bench', 'protocol-invokers-handler.log');
const INVOCATIONS = 5;

interface Row {
  readonly invoker: string;
  readonly medianMs: number;
  readonly samples: number[];
  readonly result: string;
}

async function measure(aws: LocalAws, log: (line: string) => void): Promise<Row[]> {
  Object.assign(process.env, aws.env);
  const { entrypoint } = await import('../resource-types/s3-file-reader/src/handlers');
  const { PRIMARY_IDENTIFIER, TYPE_NAME } = await import('../resource-types/s3-file-reader/src/models');
  const dir = mkdtempSync(join(tmpdir(), 'orch-bench-invokers-'));
  const endpoint = await startLambdaEndpoint({ TypeFunction: entrypoint as never });
  const original = console.log;
  mkdirSync(dirname(HANDLER_LOG), { recursive: true });
  writeFileSync(HANDLER_LOG, '');
  console.log = (...args: unknown[]) => appendFileSync(HANDLER_LOG, `${format(...args)}\n`);
  try {
    const bundle = await bundleType(join(REPO_ROOT, 'resource-types', 's3-file-reader'), join(dir, 'TypeFunction'));
    const invokers: [string, Invoker][] = [
      ['in-process entrypoint', inProcessInvoker(entrypoint)],
      ['Lambda Invoke API, loopback endpoint', lambdaInvoker('TypeFunction', endpoint.url)],
      ['fresh node process, shipped bundle', processInvoker(bundle)],
    ];
    const rows: Row[] = [];
    for (const [name, invoker] of invokers) {
      log(`protocol invokers: ${name}, ${INVOCATIONS} + 1 warm-up invocations`);
      const driver = new CfnDriver({ invoker, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });
      const samples: number[] = [];
      let result = '';
      for (let i = 0; i <= INVOCATIONS; i++) {
        const invocation = await driver.send(driver.request('READ', 'Missing', { resourceProperties: { Id: `BenchMissing-${Date.now()}-${i}` } }));
        result = [invocation.response.status, invocation.response.errorCode].filter(Boolean).join(' ');
        if (i > 0) samples.push(invocation.durationMs);
      }
      rows.push({ invoker: name, medianMs: median(samples), samples, result });
    }
    return rows;
  } finally {
    console.log = original;
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatProtocolInvokers(rows: readonly Row[], generatedAt: string): string {
  const base = rows[0].medianMs;
  const line = (cells: string[]) => '  ' + [cells[0].padEnd(40), cells[1].padStart(10), cells[2].padStart(10)].join('   ');
  return [
    `Protocol invokers (local/protocol), ${generatedAt}`,
    '',
    '  One READ of Orch::S3::FileReader for a missing identifier (FAILED NotFound) against moto, per invoker;',
    `  medians of ${INVOCATIONS} after one warm-up, ratio against the in-process entrypoint measured in the same run.`,
    '',
    line(['invoker', 'median ms', 'ratio']),
    ...rows.map((r) => line([r.invoker, r.medianMs.toFixed(0), `${(r.medianMs / base).toFixed(2)}x`])),
    '',
    ...rows.map((r) => `    ${r.invoker} (${r.result}): ${r.samples.join(', ')} ms`),
    `  handler logs: ${relative(REPO_ROOT, HANDLER_LOG)}`,
  ].join('\n');
}

/** Measures (starting moto unless `aws` is given) and returns the printable report; writes the JSON beside it. */
export async function protocolInvokersReport(options: { aws?: LocalAws; log?: (line: string) => void } = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const aws = options.aws ?? (await startLocalAws({ log }));
  try {
    const rows = await measure(aws, log);
    const generatedAt = new Date().toISOString();
    const text = formatProtocolInvokers(rows, generatedAt);
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    writeFileSync(OUT_FILE, JSON.stringify({ generatedAt, invocations: INVOCATIONS, rows, text }, null, 2) + '\n');
    return text;
  } finally {
    if (!options.aws) await aws.stop();
  }
}

if (require.main === module) {
  protocolInvokersReport({ log: (line) => process.stderr.write(`[protocol-invokers] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

/**
 * Runs AWS's contract suite (`cfn test`) for every type against a local AWS, without SAM or Docker:
 *
 *   npm run contract [-- <type folder name> ...]
 *
 * For each type: bundle the handlers as they ship, deploy `inputs/fixtures.template.json` (its exports fill the
 * inputs' {{Export}} placeholders), serve the bundle's `entrypoint` (and the fixtures' inline Node.js functions, which
 * the handler reaches through AWS_ENDPOINT_URL_LAMBDA) on a local Lambda Invoke endpoint, and run
 * `cfn test` through tools/cfn_test_local.py (which replaces only the suite's two STS look-ups). Prints passed,
 * failed and skipped counts per type, with the reason for every skip, and exits 1 when anything failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startLambdaEndpoint } from '../local/lambda-endpoint';
import { LOCAL_AWS, startLocalAws } from '../local/local-aws';
import { REPO_ROOT, venvBin } from '../local/python-env';
import { bundleType } from './bundle';
import { deployFixtures, fixtureFunctions, fixtureTypeConfiguration } from './contract-fixtures';
import { startContractGitServer } from './contract-git';
import { TypeFolder, typeFolders } from './type-folders';

export interface ContractResult {
  readonly typeName: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly skips: string[];
  readonly failures: string[];
  readonly exitCode: number;
}

/** pytest's summary: "3 failed, 12 passed, 4 skipped in 80.1s", plus the -rs lines that give skip reasons. */
export function parsePytest(output: string): Pick<ContractResult, 'passed' | 'failed' | 'skipped' | 'skips' | 'failures'> {
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(output.split('\n').filter((l) => / in [\d.]+s/.test(l)).pop() ?? '')?.[1] ?? 0);
  return {
    passed: count('passed'),
    failed: count('failed') + count('error'),
    skipped: count('skipped'),
    skips: output.split('\n').filter((l) => l.startsWith('SKIPPED [')).map((l) => l.replace(/^SKIPPED \[\d+\] \S*\/suite\//, 'skipped: ').trim()),
    failures: output.split('\n').filter((l) => l.startsWith('FAILED') || l.startsWith('ERROR')).map((l) => l.trim()),
  };
}

/** `typeConfigFile`: the type configuration cfn test sends in every request (`--typeconfig`). */
function runCfnTest(type: TypeFolder, endpoint: string, env: NodeJS.ProcessEnv, typeConfigFile?: string): Promise<{ output: string; exitCode: number }> {
  const typeConfig = typeConfigFile ? ['--typeconfig', typeConfigFile] : [];
  const args = [join(REPO_ROOT, 'tools', 'cfn_test_local.py'), 'test', '--endpoint', endpoint, '--region', LOCAL_AWS.region, ...typeConfig, '--', '-rsfE', '-p', 'no:cacheprovider'];
  return new Promise((resolve) => {
    const child = spawn(venvBin('python'), args, { cwd: type.dir, env });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ output, exitCode: code ?? 1 }));
  });
}

export async function runContractTests(filter: string[] = [], log: (line: string) => void = console.log): Promise<ContractResult[]> {
  const aws = await startLocalAws({ log });
  Object.assign(process.env, aws.env);
  const env = { ...process.env, AWS_DEFAULT_REGION: LOCAL_AWS.region, AWS_SESSION_TOKEN: LOCAL_AWS.credentials.sessionToken };
  const results: ContractResult[] = [];
  try {
    for (const type of typeFolders().filter((t) => filter.length === 0 || filter.includes(basename(t.dir)))) {
      const typeName = type.schema.typeName as string;
      log(`\n== ${typeName}: bundling, deploying fixtures, running cfn test`);
      const bundle = await bundleType(type.dir, join(type.dir, 'build', 'TypeFunction'));
      const fixtures = join(type.dir, 'inputs', 'fixtures.template.json');
      const git = existsSync(fixtures) ? await startContractGitServer(fixtures) : undefined;
      if (existsSync(fixtures)) await deployFixtures(fixtures, `orch-contract-${basename(type.dir)}`, git?.parameters);
      const { entrypoint } = require(bundle);
      // The fixtures' own functions are served beside TypeFunction, and the handler (in this process) reaches them there.
      const functions = existsSync(fixtures) ? fixtureFunctions(fixtures, join(type.dir, 'build', 'fixture-functions')) : {};
      const lambda = await startLambdaEndpoint({ ...functions, TypeFunction: entrypoint });
      const previousLambdaEndpoint = process.env.AWS_ENDPOINT_URL_LAMBDA;
      process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
      try {
        const declared = existsSync(fixtures) ? fixtureTypeConfiguration(fixtures) : undefined;
        const typeConfiguration = git || declared ? { ...declared, ...git?.typeConfiguration } : undefined;
        const typeConfigFile = typeConfiguration && join(type.dir, 'build', 'type-configuration.json');
        if (typeConfigFile) writeFileSync(typeConfigFile, JSON.stringify(typeConfiguration));
        const { output, exitCode } = await runCfnTest(type, lambda.url, env, typeConfigFile);
        writeFileSync(join(type.dir, 'build', 'contract-test.log'), output);
        const parsed = parsePytest(output);
        results.push({ typeName, ...parsed, exitCode });
        if (exitCode !== 0 && parsed.failed === 0) log(output.slice(-4000));
      } finally {
        if (previousLambdaEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
        else process.env.AWS_ENDPOINT_URL_LAMBDA = previousLambdaEndpoint;
        await lambda.close();
        await git?.close();
      }
    }
  } finally {
    await aws.stop();
  }
  return results;
}

export function report(results: ContractResult[]): string {
  const lines = ['', 'contract tests (cfn test):'];
  for (const r of results) {
    lines.push(`  ${r.typeName}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.exitCode !== 0 && r.failed === 0 ? ` (cfn test exited ${r.exitCode})` : ''}`);
    for (const f of r.failures) lines.push(`    ${f}`);
    if (r.failures.length) lines.push(`    (full output: resource-types/<type>/build/contract-test.log)`);
    for (const s of r.skips) lines.push(`    ${s}`);
  }
  const sum = (key: 'passed' | 'failed' | 'skipped') => results.reduce((n, r) => n + r[key], 0);
  lines.push('', `contract: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
  return lines.join('\n');
}

if (require.main === module) {
  // The handlers log every invocation to the console, as they would to CloudWatch; keep the report readable.
  const print = console.log.bind(console);
  console.log = () => undefined;
  runContractTests(process.argv.slice(2), print)
    .then((results) => {
      print(report(results));
      process.exit(results.every((r) => r.exitCode === 0 && r.failed === 0) && results.length > 0 ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

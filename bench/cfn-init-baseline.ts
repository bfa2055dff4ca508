/**
 * The baseline the package-size bench compares against: the package a fresh `cfn init` TypeScript project ships
 * (its tsc output plus its production node_modules), built once and cached under .bench/cfn-init-baseline.
 *
 * The template's own build (`npm install && sam build`) needs SAM; the baseline instead copies dist/, the pruned
 * node_modules/ and package.json into build/TypeFunction, which is what SAM's Node.js build puts there, and lets
 * `cfn submit --dry-run` zip it exactly as it zips ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, venvBin } from '../local/python-env';
import { hyphenated } from '../tools/submission-package';

export const BASELINE_DIR = join(REPO_ROOT, '.bench', 'cfn-init-baseline');
export const BASELINE_TYPE_NAME = 'Orch::Baseline::Thing';
/** Bump when the recipe below changes, so a cached baseline built the old way is rebuilt. */
const RECIPE_VERSION = 1;
const STAMP = join(BASELINE_DIR, '.baseline.json');

export interface Baseline {
  readonly dir: string;
  readonly typeName: string;
  /** dist/handlers.js of the project, next to its node_modules. */
  readonly handlerFile: string;
  /** The folder CloudFormation's Lambda would unpack ResourceProvider.zip into: dist/ + node_modules/ + package.json. */
  readonly contentDirs: string[];
  readonly outerZip: string;
  /** Versions that ended up installed and anything the build needed to get through. */
  readonly notes: string[];
  /** Whether this run built it (false: read from the cache). */
  readonly built: boolean;
}

interface Stamp {
  recipe: number;
  builtAt: string;
  node: string;
  notes: string[];
}


function run(command: string, args: string[], cwd: string): { status: number; output: string } {
  const res = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: npmEnv() });
  if (res.error) throw res.error;
  return { status: res.status ?? 1, output: `${res.stdout}${res.stderr}` };
}

function mustRun(command: string, args: string[], cwd: string): string {
  const { status, output } = run(command, args, cwd);
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${status}:\n${output.slice(-4000)}`);
  return output;
}

/** Without the variables a parent `npm run` sets, which would point npm at this repository's config. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  delete env.NODE_OPTIONS;
  return env;
}

const versionOf = (dir: string, pkg: string) => {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
  } catch {
    return 'not installed';
  }
};

function build(log: (line: string) => void): Stamp {
  rmSync(BASELINE_DIR, { recursive: true, force: true });
  mkdirSync(BASELINE_DIR, { recursive: true });
  const notes: string[] = [];

  log(`baseline: cfn init -t ${BASELINE_TYPE_NAME} -a RESOURCE typescript --no-docker in ${BASELINE_DIR}`);
  mustRun(venvBin('cfn'), ['init', '-t', BASELINE_TYPE_NAME, '-a', 'RESOURCE', 'typescript', '--no-docker'], BASELINE_DIR);

  log('baseline: npm install --include=optional (the first run takes a while)');
  mustRun('npm', ['install', '--include=optional', '--no-audit', '--no-fund'], BASELINE_DIR);

  log('baseline: npx tsc');
  const tsc = run('npx', ['--no-install', 'tsc'], BASELINE_DIR);
  const emitted = ['handlers.js', 'models.js'].every((f) => existsSync(join(BASELINE_DIR, 'dist', f)));
  if (!emitted) throw new Error(`npx tsc emitted no dist/handlers.js and dist/models.js (exit ${tsc.status}):\n${tsc.output.slice(-4000)}`);
  const tsVersion = versionOf(BASELINE_DIR, 'typescript');
  if (tsc.status !== 0) {
    const codes = [...new Set(tsc.output.match(/error TS\d+/g) ?? [])].map((c) => c.replace('error ', '')).join(', ');
    notes.push(
      `npx tsc (TypeScript ${tsVersion}) exited ${tsc.status} with ${codes || 'errors'} in the cfn library's .d.ts files; ` +
        'it emits anyway (noEmitOnError defaults to false), so dist/ is the template\'s normal output, unchanged',
    );
  } else {
    notes.push(`npx tsc (TypeScript ${tsVersion}) compiled the template cleanly`);
  }

  log('baseline: npm prune --omit=dev');
  mustRun('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund'], BASELINE_DIR);
  const lib = '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
  notes.push(
    `production dependencies: ${lib} ${versionOf(BASELINE_DIR, lib)}, class-transformer ${versionOf(BASELINE_DIR, 'class-transformer')}, ` +
      `aws-sdk ${versionOf(BASELINE_DIR, 'aws-sdk')} (optional dependency, installed with --include=optional)`,
  );

  // The template builds with `npm install && sam build`; put into build/TypeFunction what that build would.
  const configFile = join(BASELINE_DIR, '.rpdk-config');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  // The cfn CLI appends the function name to the command; `echo` swallows it.
  config.settings.buildCommand = 'mkdir -p build/TypeFunction && cp -R dist node_modules package.json build/TypeFunction/ && echo';
  writeFileSync(configFile, JSON.stringify(config, null, 4) + '\n');
  notes.push('ResourceProvider.zip holds dist/ + production node_modules/ + package.json, zipped by `cfn submit --dry-run` like ours');

  log('baseline: cfn submit --dry-run');
  mustRun(venvBin('cfn'), ['submit', '--dry-run'], BASELINE_DIR);
  rmSync(join(BASELINE_DIR, 'build'), { recursive: true, force: true }); // a second copy of node_modules

  const stamp: Stamp = { recipe: RECIPE_VERSION, builtAt: new Date().toISOString(), node: process.version, notes };
  writeFileSync(STAMP, JSON.stringify(stamp, null, 2) + '\n');
  return stamp;
}

/** Returns the cached baseline, building it first when the cache is missing or was built by another recipe. */
export function ensureBaseline(log: (line: string) => void = () => undefined): Baseline {
  const outerZip = join(BASELINE_DIR, `${hyphenated(BASELINE_TYPE_NAME)}.zip`);
  const handlerFile = join(BASELINE_DIR, 'dist', 'handlers.js');
  let stamp: Stamp | undefined;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    stamp = undefined;
  }
  const cached = stamp?.recipe === RECIPE_VERSION && existsSync(outerZip) && existsSync(handlerFile) && existsSync(join(BASELINE_DIR, 'node_modules'));
  if (!cached) stamp = build(log);
  else log(`baseline: cached in ${BASELINE_DIR} (built ${stamp!.builtAt}; delete the folder to rebuild)`);
  return {
    dir: BASELINE_DIR,
    typeName: BASELINE_TYPE_NAME,
    handlerFile,
    contentDirs: ['dist', 'node_modules', 'package.json'].map((f) => join(BASELINE_DIR, f)),
    outerZip,
    notes: stamp!.notes,
    built: !cached,
  };
}

/** The cfn CLI's version, for the report. */
export function cfnVersion(): string {
  return execFileSync(venvBin('cfn'), ['--version'], { encoding: 'utf8' }).trim();
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What `orch up` started, as `<stateDir>/services.json` records it; the file is absent while the services are down. */
export interface ServicesInfo {
  /** moto server: every AWS service but Lambda's Invoke. */
  readonly awsEndpoint: string;
  /** The Lambda API: Invoke of inline functions runs here, every other call goes on to moto. */
  readonly lambdaEndpoint: string;
  /** The git smart-HTTP server: a repository is `${gitUrl}/<name>.git`, created on its first request. */
  readonly gitUrl: string;
  /** The variables that point SDKs, the AWS CLI and the engine at these services (what `orch up` prints as `export` lines). */
  readonly env: Readonly<Record<string, string>>;
  /** The Secrets Manager secret `orch/local-git` holding the git server's `{username, password}`. */
  readonly gitCredentialsSecretArn: string;
  /** The daemon serving the Lambda endpoint and the git server, and the moto server it started. */
  readonly pids: { readonly daemon: number; readonly moto: number };
  readonly startedAt: string;
  /** The daemon's output (and moto's installation, on a first run). */
  readonly logFile: string;
}

/** The Secrets Manager secret holding the git server's credentials, as JSON {username, password}. */
export const GIT_SECRET_NAME = 'orch/local-git';

/** The files of the state directory the services own. */
export const stateFiles = (stateDir: string) => ({
  services: join(stateDir, 'services.json'),
  typeConfiguration: join(stateDir, 'type-configuration.json'),
  log: join(stateDir, 'services.log'),
  lock: join(stateDir, 'services.lock'),
  functions: join(stateDir, 'functions'),
  git: join(stateDir, 'git'),
  stacks: join(stateDir, 'stacks'),
});

/** Written whole and renamed into place: a reader sees the old file or the new one, never half of one. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

/** The parsed file, or undefined when it is absent or not (yet) JSON. */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Linux's process state letter; undefined where /proc is not there. */
function processState(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
  } catch {
    return undefined;
  }
}

/**
 * True while a process with this id runs (signal 0 checks without signalling; EPERM means it exists). A zombie has
 * exited: an orphaned moto waits as one until init reaps it, which can take seconds.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

/**
 * True while `pid` runs the program named by `marker` (in its command line), so that a pid recorded before a reboot
 * and reused since by another program is never taken for ours, nor signalled. Without /proc, liveness alone decides.
 */
export function runs(pid: number, markers: readonly string[]): boolean {
  if (!isAlive(pid)) return false;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return markers.some((m) => commandLine.includes(m));
  } catch {
    return true;
  }
}

/** What the command lines of the daemon (its script, then its process.title) and of moto contain. */
export const PROCESS_MARKERS = { daemon: ['daemon-process.cjs', 'orch-services'], moto: ['moto_server'] } as const;


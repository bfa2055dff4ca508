import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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

/** True while a process with this id exists (signal 0 checks without signalling; EPERM means it exists). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The state directory: ORCH_STATE_DIR, else `.orch` in the working directory. The same rule as the executor's
 * stateDirectory (local/engine/state/stack-store.ts), which the commands use once it is on main.
 */
export function servicesStateDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.ORCH_STATE_DIR || '.orch');
}

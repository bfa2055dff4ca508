import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { venvBin } from '../python-env';
import { forgetStacksCreatedSince, stacksInOperation } from './local-stacks';
import { isAlive, PROCESS_MARKERS, readJsonFile, runs, ServicesInfo, stateFiles } from './state-files';

export interface ServicesOptions {
  /** Progress lines for a person: what is starting or stopping, what was cleaned up. */
  readonly log?: (line: string) => void;
}

/** Refused: `orch down` while a deploy runs on the services it would stop. */
export class ServicesBusy extends Error {
  constructor(readonly operations: ReadonlyArray<{ stackName: string; pid: number }>) {
    super(`${operations.map((o) => `stack ${o.stackName} is being deployed or deleted by pid ${o.pid}`).join('; ')}: wait for it to end, or stop it, before stopping the services`);
    this.name = 'ServicesBusy';
  }
}

const DAEMON = join(__dirname, 'daemon-process.cjs');
// The first start may create .venv and install moto into it (a minute or two).
const START_TIMEOUT_MS = 10 * 60_000;
const STOP_GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The running services of this state directory, or undefined when services.json is absent or its daemon is dead. */
export function servicesInfo(stateDir: string): ServicesInfo | undefined {
  const info = readJsonFile<ServicesInfo>(stateFiles(stateDir).services);
  return info && runs(info.pids.daemon, PROCESS_MARKERS.daemon) ? info : undefined;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** `<stateDir>/services.lock` (O_EXCL, our pid inside) around a start; a lock whose process is dead is taken over. */
async function withStartLock<T>(stateDir: string, run: () => Promise<T>): Promise<T> {
  const lock = stateFiles(stateDir).lock;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readJsonFile<number>(lock));
      if (!Number.isInteger(holder) || !isAlive(holder)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another orch up (pid ${holder}) holds ${lock}`);
      else await sleep(200); // another `orch up` is starting them: its services are ours once it is done
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Starts the services daemon for `stateDir`, detached (it outlives the caller; its output goes to services.log), and
 * returns once everything answers. When they already run, returns what runs.
 */
export async function startServices(stateDir: string, options: ServicesOptions = {}): Promise<ServicesInfo> {
  const log = options.log ?? (() => undefined);
  const files = stateFiles(stateDir);
  mkdirSync(stateDir, { recursive: true });
  return withStartLock(stateDir, async () => {
    const running = servicesInfo(stateDir);
    if (running) return running;
    await stopServices(stateDir, options); // what a daemon that died left behind
    const firstRun = existsSync(venvBin('moto_server')) ? '' : '; the first start installs moto into .venv, a minute or two';
    log(`starting the local services (log: ${files.log}${firstRun})`);
    const out = openSync(files.log, 'a');
    const daemon = spawn(process.execPath, [DAEMON, stateDir], {
      detached: true,
      stdio: ['ignore', out, out],
      // Inline functions require the AWS SDK the way Lambda's Node.js runtimes provide it, from any state directory.
      env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    });
    closeSync(out);
    daemon.unref();
    let exit: string | undefined;
    daemon.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const info = readJsonFile<ServicesInfo>(files.services);
      if (info && info.pids.daemon === daemon.pid) return info;
      if (exit) throw new Error(`the services daemon exited (${exit}) before it was ready; ${files.log} ends with:\n${tail(files.log)}`);
      await sleep(100);
    }
    process.kill(-daemon.pid!, 'SIGKILL');
    throw new Error(`the services were not ready within ${START_TIMEOUT_MS / 60_000} minutes; see ${files.log}`);
  });
}

function signal(pids: readonly number[], daemon: number, name: NodeJS.Signals): void {
  // The daemon leads its own process group (detached), which holds moto and any git http-backend it runs; the group
  // is signalled only while the daemon is one of ours.
  for (const target of [...(pids.includes(daemon) ? [-daemon] : []), ...pids]) {
    try {
      process.kill(target, name);
    } catch {
      // already gone
    }
  }
}

async function waitForExit(pids: readonly number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Stops the services of `stateDir` (the daemon, moto and the servers in it) and waits until their processes are
 * gone; removes services.json and type-configuration.json, and forgets the stacks created while they ran (see
 * forgetStacksCreatedSince). Refuses with ServicesBusy while a deploy runs there. Returns false when nothing ran.
 */
export async function stopServices(stateDir: string, options: ServicesOptions = {}): Promise<boolean> {
  const log = options.log ?? (() => undefined);
  const files = stateFiles(stateDir);
  const info = readJsonFile<ServicesInfo>(files.services);
  if (!info) return false;
  const busy = stacksInOperation(stateDir);
  const daemonRuns = runs(info.pids.daemon, PROCESS_MARKERS.daemon);
  if (busy.length > 0 && daemonRuns) throw new ServicesBusy(busy);
  const pids = [...(daemonRuns ? [info.pids.daemon] : []), ...(runs(info.pids.moto, PROCESS_MARKERS.moto) ? [info.pids.moto] : [])];
  if (pids.length > 0) {
    signal(pids, info.pids.daemon, 'SIGTERM');
    if (!(await waitForExit(pids, STOP_GRACE_MS))) {
      signal(pids, info.pids.daemon, 'SIGKILL');
      await waitForExit(pids, STOP_GRACE_MS);
    }
    log(`stopped the local services (pids ${pids.join(', ')})`);
  } else {
    log(`the services recorded in ${files.services} had already stopped`);
  }
  rmSync(files.services, { force: true });
  rmSync(files.typeConfiguration, { force: true });
  const forgotten = forgetStacksCreatedSince(stateDir, info.startedAt);
  if (forgotten.length === 1) log(`forgot the stack ${forgotten[0]}: its resources lived in the stopped local AWS`);
  if (forgotten.length > 1) log(`forgot the stacks ${forgotten.join(', ')}: their resources lived in the stopped local AWS`);
  return pids.length > 0;
}

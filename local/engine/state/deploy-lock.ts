import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stackDirectory } from './stack-store';

/** Who holds a stack's lock: the running operation's process. */
export interface LockHolder {
  readonly pid: number;
  readonly startedAt: string;
  readonly operation: string;
}

/** The stack is locked by a process that is still running. */
export class StackLocked extends Error {
  constructor(
    readonly stackName: string,
    readonly holder: LockHolder,
  ) {
    super(
      holder.pid > 0
        ? `stack ${stackName} is locked: an orch ${holder.operation} started at ${holder.startedAt} is running as process ${holder.pid}; wait for it to end`
        : `stack ${stackName} is locked by an operation that is just starting; try again`,
    );
    this.name = 'StackLocked';
  }
}

const FRESH_MS = 5_000;

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<stack>/deploy.lock` (created with O_EXCL, the holder's pid inside) and returns its release. A lock whose
 * process is gone (killed mid-deploy) is stale and taken over; one held by a live process, this one included, is
 * refused with StackLocked.
 */
export function acquireDeployLock(stateDir: string, stackName: string, operation: string): () => void {
  const dir = stackDirectory(stateDir, stackName);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deploy.lock');
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), operation };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify(mine));
      } finally {
        closeSync(fd);
      }
      return () => {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(file);
    if (holder && alive(holder.pid)) throw new StackLocked(stackName, holder);
    // A lock file without a pid yet is being written (between its exclusive open and the write), unless it is old:
    // then its writer died in between.
    if (!holder && Date.now() - mtime(file) < FRESH_MS) throw new StackLocked(stackName, { pid: -1, startedAt: 'now', operation });
    // Renamed aside first and checked: when another process took the stale lock over in between, what was renamed
    // is its fresh lock, which goes back.
    const aside = `${file}.stale.${process.pid}`;
    try {
      renameSync(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      continue;
    }
    const moved = readHolder(aside);
    if (moved && holder && (moved.pid !== holder.pid || moved.startedAt !== holder.startedAt)) {
      // A hard link fails rather than replace a lock a third process has taken since.
      try {
        linkSync(aside, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    rmSync(aside, { force: true });
  }
  const holder = readHolder(file);
  throw new StackLocked(stackName, holder ?? { pid: -1, startedAt: 'unknown', operation });
}

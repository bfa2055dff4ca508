import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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
    super(`stack ${stackName} is locked: an orch ${holder.operation} started at ${holder.startedAt} is running as process ${holder.pid}; wait for it to end`);
    this.name = 'StackLocked';
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
    // A lock file without a readable pid is one whose writer died between open and write.
    if (holder && alive(holder.pid)) throw new StackLocked(stackName, holder);
    // Renamed aside first, so two processes taking over the same stale lock do not both delete a fresh one.
    const aside = `${file}.stale.${process.pid}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const holder = readHolder(file);
  throw new StackLocked(stackName, holder ?? { pid: -1, startedAt: 'unknown', operation });
}

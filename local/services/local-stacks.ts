import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackRecord } from '../engine/state/stack-record';
import { isAlive, readJsonFile, stateFiles } from './state-files';

function stackNames(stateDir: string): string[] {
  try {
    return readdirSync(stateFiles(stateDir).stacks, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

/** Stacks whose deploy.lock names a live process: a deploy or delete is running on them. */
export function stacksInOperation(stateDir: string): Array<{ stackName: string; pid: number }> {
  return stackNames(stateDir).flatMap((stackName) => {
    let text: string;
    try {
      text = readFileSync(join(stateFiles(stateDir).stacks, stackName, 'deploy.lock'), 'utf8');
    } catch {
      return [];
    }
    const pid = Number(/\d+/.exec(text)?.[0]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? [{ stackName, pid }] : [];
  });
}

/**
 * Removes the records of stacks created since `startedAt`, with the inline code of their Lambda functions: their
 * resources lived in the moto server that was just stopped, which keeps nothing. Kept, they would describe resources
 * that no longer exist, and the next deploy would update what is not there. Stacks created earlier (against an
 * endpoint the user configured) are left alone. Returns the names removed.
 */
export function forgetStacksCreatedSince(stateDir: string, startedAt: string): string[] {
  const files = stateFiles(stateDir);
  const since = Date.parse(startedAt);
  return stackNames(stateDir).filter((name) => {
    const folder = join(files.stacks, name);
    const record = readJsonFile<StackRecord>(join(folder, 'stack.json'));
    if (record && Date.parse(record.createdAt) < since) return false;
    for (const resource of Object.values(record?.resources ?? {})) {
      if (resource.type === 'AWS::Lambda::Function' && /^[A-Za-z0-9_-]+$/.test(resource.physicalId)) {
        rmSync(join(files.functions, resource.physicalId), { recursive: true, force: true });
      }
    }
    rmSync(folder, { recursive: true, force: true });
    return true;
  });
}

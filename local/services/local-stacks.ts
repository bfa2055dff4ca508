import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_TYPE } from '../engine/deploy/stack-events';
import { appendEvent, listStacks, removeStack, stackDirectory } from '../engine/state/stack-store';
import { isAlive, readJsonFile, stateFiles } from './state-files';

function stackFolders(stateDir: string): string[] {
  try {
    return readdirSync(stateFiles(stateDir).stacks, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

/** Stacks whose deploy.lock names a live process: a deploy or delete runs on them (a first create has no record yet). */
export function stacksInOperation(stateDir: string): Array<{ stackName: string; pid: number }> {
  return stackFolders(stateDir).flatMap((stackName) => {
    const holder = readJsonFile<{ pid?: unknown }>(join(stackDirectory(stateDir, stackName), 'deploy.lock'));
    const pid = holder?.pid;
    return typeof pid === 'number' && Number.isInteger(pid) && isAlive(pid) ? [{ stackName, pid }] : [];
  });
}

/**
 * Forgets the stacks created since `startedAt`: their resources lived in the moto server that was just stopped,
 * which keeps nothing. Kept, their records would describe resources that no longer exist, and the next deploy would
 * update what is not there; removed, it creates them again. Each one's history ends with a DELETE_COMPLETE saying why,
 * and its Lambda functions' inline code goes too. Stacks created earlier (against an endpoint the user configured)
 * are left alone. Returns the names forgotten.
 */
export function forgetStacksCreatedSince(stateDir: string, startedAt: string): string[] {
  const since = Date.parse(startedAt);
  return listStacks(stateDir)
    .filter((record) => Date.parse(record.createdAt) >= since)
    .map((record) => {
      for (const resource of Object.values(record.resources)) {
        if (resource.type === 'AWS::Lambda::Function' && /^[A-Za-z0-9_-]+$/.test(resource.physicalId)) {
          rmSync(join(stateFiles(stateDir).functions, resource.physicalId), { recursive: true, force: true });
        }
      }
      removeStack(stateDir, record.stackName);
      appendEvent(stateDir, {
        timestamp: new Date().toISOString(),
        stackName: record.stackName,
        stackId: record.stackId,
        logicalId: record.stackName,
        type: STACK_TYPE,
        physicalId: record.stackId,
        status: 'DELETE_COMPLETE',
        reason: 'orch down stopped the local AWS its resources lived in',
      });
      return record.stackName;
    });
}

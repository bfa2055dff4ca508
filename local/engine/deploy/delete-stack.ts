import { acquireDeployLock, StackLocked } from '../state/deploy-lock';
import { importersOf } from '../state/exports';
import type { StackRecord } from '../state/stack-record';
import { readStack, removeStack } from '../state/stack-store';
import { failureReason } from './failure';
import { StackOperation } from './operation';
import { recoverInterrupted } from './recover';
import { retention } from './rollback';
import { runInReverseOrder } from './schedule';
import { DeleteStack, EngineOptions, StackOperationRefused, StackResult } from './stack-operations';

/** The stack's lock, or StackOperationRefused naming the process that holds it. */
export function lockStack(options: EngineOptions, stackName: string, operation: string): () => void {
  try {
    return acquireDeployLock(options.stateDir, stackName, operation);
  } catch (e) {
    if (e instanceof StackLocked) throw new StackOperationRefused(e.message, [e.message], 'locked');
    throw e;
  }
}

export function resultOf(op: StackOperation): StackResult {
  const { stackName, stackId, status, statusReason, outputs, resources } = op.record();
  return { stackName, stackId, status, ...(statusReason !== undefined ? { statusReason } : {}), outputs, resources };
}

/**
 * Deletes every resource of the record in reverse dependency order, in parallel where nothing depends on another,
 * keeping those with DeletionPolicy Retain or RetainExceptOnCreate (DELETE_SKIPPED). A failed delete keeps what it
 * depends on, and the stack ends DELETE_FAILED with what remains; otherwise the record is removed.
 */
export async function deleteRecorded(options: EngineOptions, record: StackRecord): Promise<StackResult> {
  const op = new StackOperation(options, record.stackName, record.stackId, record);
  op.begin('delete', 'DELETE_IN_PROGRESS', 'User Initiated');
  const outcome = await runInReverseOrder(
    [...op.resources.keys()],
    (id) => op.resources.get(id)?.dependsOn ?? [],
    async (id) => {
      const resource = op.resources.get(id)!;
      await op.delete(resource, retention(resource.deletionPolicy, false));
      op.resources.delete(id);
      op.persist();
    },
    { concurrency: options.concurrency ?? 50, stopOnFailure: false },
  );
  if (outcome.failures.length > 0) {
    op.end('DELETE_FAILED', failureReason(outcome.failures[0].error));
    return resultOf(op);
  }
  op.outputs = {};
  op.end('DELETE_COMPLETE');
  removeStack(options.stateDir, record.stackName);
  return resultOf(op);
}

/**
 * `orch delete`: refused when the stack does not exist, is locked by a running operation, or exports a value
 * another stack imports. An operation a crash interrupted is rolled back first.
 */
export const deleteStack: DeleteStack = async (options) => {
  const { stateDir, stackName } = options;
  const release = lockStack(options, stackName, 'delete');
  try {
    let record = readStack(stateDir, stackName);
    if (!record) throw new StackOperationRefused(`stack ${stackName} does not exist (no record in ${stateDir})`, [], 'state');
    if (record.inFlight) record = await recoverInterrupted(options, record);
    const exported = Object.values(record.outputs).flatMap((o) => (o.exportName !== undefined ? [o.exportName] : []));
    const problems = [...importersOf(stateDir, exported, stackName)].map(
      ([name, stacks]) => `stack ${stackName} cannot be deleted: its export ${name} is in use by stack ${stacks.join(', ')} (Fn::ImportValue); delete or update ${stacks.join(', ')} first`,
    );
    if (problems.length > 0) throw new StackOperationRefused(problems.join('\n'), problems, 'in-use');
    return await deleteRecorded(options, record);
  } finally {
    release();
  }
};

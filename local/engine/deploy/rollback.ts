import { failureReason } from './failure';
import type { StackOperation } from './operation';
import { runInReverseOrder } from './schedule';

const RETAINED = 'DeletionPolicy Retain: the resource is kept';

/** Why a resource is kept instead of deleted, or undefined when it goes. RetainExceptOnCreate goes only on a create's rollback. */
export function retention(policy: string, rollingBackItsCreate: boolean): string | undefined {
  if (policy === 'Retain') return RETAINED;
  if (policy === 'RetainExceptOnCreate' && !rollingBackItsCreate) return 'DeletionPolicy RetainExceptOnCreate: the resource is kept';
  return undefined;
}

const settings = (op: StackOperation) => ({ concurrency: op.options.concurrency ?? 50, stopOnFailure: false });
const reasons = (outcome: { failures: readonly { error: unknown }[] }) => outcome.failures.map((f) => failureReason(f.error));

/**
 * Rollback's first half: what the journalled operation updated in place is updated back, in reverse dependency
 * order. Works the same after a crash, from the journal in the record. Returns the reasons of the steps that
 * failed; the others still run.
 */
export async function updateBack(op: StackOperation): Promise<string[]> {
  const updated = new Map(op.inFlight?.updated ?? []);
  const needs = (id: string) => [...(updated.get(id)?.dependsOn ?? []), ...(op.resources.get(id)?.dependsOn ?? [])];
  const outcome = await runInReverseOrder(updated.keys(), needs, async (id) => {
    await op.restore(updated.get(id)!);
    op.settle(id);
  }, settings(op));
  return reasons(outcome);
}

/**
 * Rollback's second half: what the operation created is deleted in reverse dependency order, a replaced resource
 * getting its old self back; a create that had not finished is deleted through what its provisioner said it started.
 */
export async function deleteCreated(op: StackOperation, interrupted: boolean): Promise<string[]> {
  const journal = op.inFlight;
  if (!journal) return [];
  const replaced = new Map(journal.replaced);
  const started = new Map(journal.started);
  const needs = (id: string) => [...(op.resources.get(id)?.dependsOn ?? []), ...(started.get(id)?.dependsOn ?? [])];
  const outcome = await runInReverseOrder([...journal.creating], needs, async (id) => {
    const old = replaced.get(id);
    const current = op.resources.get(id);
    // A replacement that finished holds a new physical id; until then the record still holds the old resource.
    const made = current && current.physicalId !== old?.physicalId ? current : undefined;
    const pending = started.get(id);
    const target = made ?? (pending?.physicalId ? pending : undefined);
    if (target) await op.delete(target, retention(target.deletionPolicy, true));
    else if (pending) op.nothingToDelete(id, pending.type, interrupted ? 'the interrupted create had not reported an identifier: nothing known to delete' : undefined);
    if (old) op.resources.set(id, old);
    else op.resources.delete(id);
    op.settle(id);
  }, settings(op));
  return reasons(outcome);
}

/**
 * After a successful update: the resources it replaced (their old selves) and the ones it removed from the template
 * are deleted, in reverse dependency order, honouring UpdateReplacePolicy and DeletionPolicy. A failed delete is
 * reported (DELETE_FAILED) and the resource leaves the record, as CloudFormation's cleanup does; the update stands.
 */
export async function cleanUp(op: StackOperation): Promise<string[]> {
  const journal = op.inFlight;
  if (!journal) return [];
  const replaced = new Map(journal.replaced);
  const removing = new Map(journal.removing.flatMap((id) => (op.resources.has(id) ? [[id, op.resources.get(id)!] as const] : [])));
  const old = (id: string) => replaced.get(id) ?? removing.get(id);
  const failures: string[] = [];
  await runInReverseOrder(
    [...replaced.keys(), ...removing.keys()],
    (id) => old(id)?.dependsOn ?? [],
    async (id) => {
      const resource = old(id)!;
      // A replaced resource goes as the new template's UpdateReplacePolicy says (its replacement holds it), as in CloudFormation.
      const policy = replaced.has(id) ? (op.resources.get(id)?.updateReplacePolicy ?? resource.updateReplacePolicy) : resource.deletionPolicy;
      try {
        await op.delete(resource, retention(policy, false)?.replace('DeletionPolicy', replaced.has(id) ? 'UpdateReplacePolicy' : 'DeletionPolicy'));
      } catch (e) {
        // Reported, not propagated: what the failed one depends on is still cleaned up.
        failures.push(failureReason(e));
      } finally {
        if (removing.has(id)) op.resources.delete(id);
        op.settle(id);
      }
    },
    settings(op),
  );
  return failures;
}

/** The reason on a ROLLBACK_FAILED event: the stack's reason stays the failure that started the rollback. */
function rollbackFailed(problems: readonly string[]): string | undefined {
  return problems.length > 0 ? `the rollback failed too: ${problems.join('; ')}` : undefined;
}

/**
 * Rolls the journalled create or update back with CloudFormation's statuses (ROLLBACK_* for a create,
 * UPDATE_ROLLBACK_* with its cleanup phase for an update), ending the operation with `failure` as the stack's reason.
 * `summary` is the reason on the event that starts the rollback.
 */
export async function rollBackOperation(op: StackOperation, failure: string, summary: string, interrupted: boolean): Promise<void> {
  const creating = op.inFlight?.kind === 'create';
  op.setStatus(creating ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS', summary);
  const problems = await updateBack(op);
  if (!creating) op.setStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  problems.push(...(await deleteCreated(op, interrupted)));
  const failed = problems.length > 0;
  op.end(creating ? (failed ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE') : failed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE', failure, rollbackFailed(problems) ?? failure);
}

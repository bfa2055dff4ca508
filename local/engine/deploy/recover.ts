import type { StackRecord } from '../state/stack-record';
import { StackOperation } from './operation';
import { cleanUp, rollBackOperation } from './rollback';
import type { EngineOptions } from './stack-operations';

/**
 * A record whose operation never finished (its process was killed; the lock was stale): the interrupted create or
 * update is rolled back, an interrupted update's cleanup is finished, an interrupted delete is marked DELETE_FAILED
 * for `orch delete` to retry. Returns the record as it stands afterwards.
 */
export async function recoverInterrupted(options: EngineOptions, record: StackRecord): Promise<StackRecord> {
  const op = new StackOperation(options, record.stackName, record.stackId, record);
  const journal = op.inFlight!;
  const what = `the ${journal.kind} by process ${journal.pid} (started ${journal.startedAt}) was interrupted`;
  if (journal.kind === 'delete') {
    op.end('DELETE_FAILED', `${what}; run orch delete again`);
  } else if (journal.cleanup) {
    op.setStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', `${what} during its cleanup: finishing the cleanup`);
    await cleanUp(op);
    op.end('UPDATE_COMPLETE');
  } else {
    await rollBackOperation(op, `${what} and was rolled back`, `${what}: rolling it back`, true);
  }
  return op.record();
}

import { deleteStack, deployStack, listStacks, readEvents, readStack, stateDirectory } from '../engine/deploy';
import type { CliEngine } from './engine';
import { openEngineSession } from './engine-session';

/** The engine of local/engine/deploy over the state directory, with the local AWS of `orch up` or AWS_ENDPOINT_URL. */
export function defaultEngine(): CliEngine {
  return {
    stateDirectory: () => stateDirectory(),
    openSession: (stateDir) => openEngineSession(stateDir),
    deployStack,
    deleteStack,
    readStack,
    listStacks,
    readEvents,
  };
}

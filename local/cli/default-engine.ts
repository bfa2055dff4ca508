import type { DeleteStack, DeployStack } from '../engine/deploy';
import { listStacks, readEvents, readStack, stateDirectory } from '../engine/state/stack-store';
import type { CliEngine } from './engine';

// The executor, the provisioners and the SDK clients load only for a deploy or delete: `orch list`, `events` and
// `outputs` read the state directory and start in half the time without them.
const executor = () => require('../engine/deploy') as typeof import('../engine/deploy');
const session = () => require('./engine-session') as typeof import('./engine-session');

/** The engine of local/engine/deploy over the state directory, with the local AWS of `orch up` or AWS_ENDPOINT_URL. */
export function defaultEngine(): CliEngine {
  const deployStack: DeployStack = (options) => executor().deployStack(options);
  const deleteStack: DeleteStack = (options) => executor().deleteStack(options);
  return {
    stateDirectory: () => stateDirectory(),
    openSession: (stateDir) => session().openEngineSession(stateDir),
    deployStack,
    deleteStack,
    readStack,
    listStacks,
    readEvents,
  };
}

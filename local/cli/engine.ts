import type { StackEvent } from '../engine/deploy/stack-events';
import type { DeleteStack, DeployStack, EngineOptions } from '../engine/deploy/stack-operations';
import type { StackRecord } from '../engine/state/stack-record';

/** What a deploy or delete runs with: the local AWS in process.env, the catalog and the provisioners. */
export interface EngineSession {
  readonly options: Omit<EngineOptions, 'onEvent'>;
  /** Where the AWS endpoints came from, for the first line of a deploy. */
  readonly awsSource: string;
  /** Stops what the provisioners started (bundles' invokers); called once the operation ended. */
  close(): Promise<void>;
}

/**
 * The engine as the commands see it. The real one is default-engine.ts; tests pass their own to check the display,
 * arguments and exit codes without AWS.
 */
export interface CliEngine {
  /** `ORCH_STATE_DIR`, or `.orch` in the working directory. */
  stateDirectory(): string;
  /** Throws an error named `NoLocalAws` (its message says what to do) when neither `orch up` nor AWS_ENDPOINT_URL is there. */
  openSession(stateDir: string): Promise<EngineSession>;
  readonly deployStack: DeployStack;
  readonly deleteStack: DeleteStack;
  readStack(stateDir: string, name: string): StackRecord | undefined;
  listStacks(stateDir: string): StackRecord[];
  readEvents(stateDir: string, name: string): StackEvent[];
}

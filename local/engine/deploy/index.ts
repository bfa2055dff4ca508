// The executor's public surface, for the CLI, the demo, tests and bench.
export * from './provisioner';
export * from './stack-events';
export * from './stack-operations';
export { deployStack } from './deploy-stack';
export { deleteStack } from './delete-stack';
export { listStacks, readEvents, readStack, stateDirectory } from '../state/stack-store';
export type { DeployedOutput, DeployedResource, InFlightOperation, StackRecord } from '../state/stack-record';
export type { StackExport } from '../state/exports';
export { exportTable } from '../state/exports';

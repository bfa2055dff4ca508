/**
 * What resource types use of the runtime, and nothing else: tooling and tests import the runtime's files directly.
 */

// A type's handlers: one kind of work (or a reader) in a lifecycle, in a resource type.
export { defineResourceType } from './resource-type';
export type { ResourceHandlers } from './resource-type';
export { TaskLifecycle } from './lifecycle';
export { startThenPoll } from './start-then-poll';
export { runAtMostOnce } from './run-at-most-once';
export { idempotentAttempt } from './idempotent-attempt';
export { ReadLifecycle } from './read-lifecycle';
export type { Reader } from './read-lifecycle';
export type { Attributes, Outcome, WorkContext } from './work-context';
export type { ClientClass } from './clients';
export { INVOCATION_BUDGET_SECONDS } from './contract';

// Errors.
export * from './errors';
export { firstLine, mapAwsError, NETWORK_CODES } from './error-map';

// Inputs and outputs.
export { jsonProperty, withDefaults } from './json-defaults';
export { outputTree } from './flatten';
export { selectedEntries, selectedOutputs, withSelectedOutputs } from './selected-outputs';
export { outputDepthOf } from './output-depth';
export { stableStringify } from './stable-json';
export { CROSS_ACCOUNT_READ_ADVICE, describeLocation, headObject, objectAttributes, objectNotFound, readJsonObject } from './s3-object';
export type { ObjectProperties, S3Location } from './s3-object';

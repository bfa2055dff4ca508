/**
 * The CloudFormation request protocol, played locally: requests as the registry builds them (request.ts), the
 * follow loop (driver.ts) over an injectable invoker (in-process, a fresh process, the Lambda Invoke API), the
 * schema's per-action limits (timeouts.ts) and the handler contract's checks (contract-checks.ts).
 */
export * from './types';
export * from './request';
export * from './contract-checks';
export * from './timeouts';
export * from './invoker';
export * from './in-process-invoker';
export * from './process-invoker';
export * from './lambda-invoker';
export * from './driver';

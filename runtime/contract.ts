/**
 * Names shared by the runtime, the type folders, the local tooling and the constructs.
 * Constants and types only: importing this file never pulls in runtime code.
 */

/** Every task record lives below this SSM Parameter Store path: `/Orch/Task/<Service>/<Kind>/<Id>`. */
export const TASK_PARAMETER_ROOT = '/Orch/Task';

/** Environment variables the handlers read (all optional). */
export const ENV = {
  /** Seconds one invocation keeps polling before it hands back to CloudFormation (default 25: under the 30 billing-free seconds). */
  pollWindowSeconds: 'ORCH_POLL_WINDOW_SECONDS',
} as const;

/** CloudFormation's per-invocation budget, in seconds, for mutating handlers and for read/list. */
export const INVOCATION_BUDGET_SECONDS = { mutating: 60, readOnly: 30 } as const;

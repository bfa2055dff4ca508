import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { BackoffPolicy, callbackDelaySeconds } from './backoff';

/**
 * A throttled, failing or unreachable service is given another hop while the work goes on, a few hops in a row
 * at most; any other error ends the operation.
 */
export const TRANSIENT: ReadonlySet<HandlerErrorCode> = new Set([HandlerErrorCode.Throttling, HandlerErrorCode.ServiceInternalError, HandlerErrorCode.NetworkFailure]);

export const MAX_TRANSIENT_HOPS = 5;

/** The hops in a row after `err` when it earns another one, or undefined when it ends the operation. */
export function transientHop(err: unknown, hopsSoFar = 0): number | undefined {
  const code = (err as { errorCode?: HandlerErrorCode } | undefined)?.errorCode;
  const hops = hopsSoFar + 1;
  return code !== undefined && TRANSIENT.has(code) && hops <= MAX_TRANSIENT_HOPS ? hops : undefined;
}

/** The wait before the hop after a transient error: the backoff's delay, but at least 5 s, so a struggling service gets a pause. */
export function transientDelaySeconds(policy: BackoffPolicy, elapsedSeconds: number): number {
  return Math.max(5, callbackDelaySeconds(policy, elapsedSeconds));
}

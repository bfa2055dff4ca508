import { exceptions, HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from './errors';

/** What an AWS call was about, for the message: `StateMachineArn: state machine 'arn:…' was not found`. */
export interface ErrorContext {
  /** The property at fault, when the user supplied the value. */
  readonly property?: string;
  /** The resource the call was about, in words: `state machine 'arn:…'`. */
  readonly resource: string;
}

interface Row {
  readonly code: HandlerErrorCode;
  readonly test: (name: string, err: AwsLikeError) => boolean;
  readonly says: string;
  /** What to change, after the service's own words. */
  readonly advice?: string;
}

/**
 * What a refused call means for a registry type: the handler runs with the type's execution role, which reaches
 * only what the account admin named when registering. One wording for every type and every service.
 */
export const SCOPE_ADVICE =
  "the type's execution role must allow this resource: if it should, the account admin adds it to this type's scopes and registers again (npm run register -- --scopes <file>; README \"Scopes\")";

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** Node's codes for a connection that could not be made or was lost. */
export const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED']);

/** First match wins, so the specific credential names come before the generic `Invalid*` row. */
export const ERROR_TABLE: readonly Row[] = [
  { code: HandlerErrorCode.Throttling, test: (n) => /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(n), says: 'was throttled' },
  {
    code: HandlerErrorCode.InvalidCredentials,
    test: (n) => /UnrecognizedClient|InvalidClientTokenId|ExpiredToken|InvalidSignature|SignatureDoesNotMatch|CredentialsProviderError|InvalidAccessKeyId/.test(n),
    says: 'was refused: the credentials are invalid or expired',
  },
  { code: HandlerErrorCode.AccessDenied, test: (n, e) => /AccessDenied|Unauthorized|AuthorizationError|Forbidden/.test(n) || e.$metadata?.httpStatusCode === 403, says: 'access denied', advice: SCOPE_ADVICE },
  { code: HandlerErrorCode.NotFound, test: (n) => /NotFound|DoesNotExist|NoSuch/.test(n), says: 'was not found' },
  { code: HandlerErrorCode.ServiceLimitExceeded, test: (n) => /LimitExceeded|QuotaExceeded/.test(n), says: 'hit a service limit' },
  { code: HandlerErrorCode.ResourceConflict, test: (n) => /Conflict|AlreadyExists|ConcurrentModification/.test(n), says: 'is in conflict with another change' },
  { code: HandlerErrorCode.InvalidRequest, test: (n) => /^Invalid|Validation|Malformed|BadRequest/.test(n), says: 'was rejected as invalid' },
  {
    code: HandlerErrorCode.NetworkFailure,
    test: (n, e) => n === 'TimeoutError' || NETWORK_CODES.has(e.code ?? ''),
    says: 'could not be reached',
  },
  {
    code: HandlerErrorCode.ServiceInternalError,
    test: (n, e) => e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500 || /ServiceUnavailable|InternalServer|InternalError/.test(n),
    says: 'failed inside the service',
  },
];

/**
 * Turns an AWS SDK error into the handler error CloudFormation should see. Handler errors pass through untouched;
 * anything unrecognised becomes InternalFailure with the original kept as `cause` (never a stack trace in the message).
 */
export function mapAwsError(err: unknown, context: ErrorContext): exceptions.BaseHandlerException {
  if (err instanceof exceptions.BaseHandlerException) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as AwsLikeError;
  const name = e.name ?? e.code ?? 'Error';
  const detail = `(${name}: ${firstLine(e.message)})`;
  const subject = context.property ? `${context.property}: ${context.resource}` : context.resource;
  for (const row of ERROR_TABLE) {
    if (row.test(name, e)) return handlerError(row.code, `${subject} ${row.says} ${detail}${row.advice ? `; ${row.advice}` : ''}`, err);
  }
  return handlerError(HandlerErrorCode.InternalFailure, `${subject}: unexpected error ${detail}`, err);
}

/** A message's first line, at most `max` characters: what of a service's message goes into a handler's own. */
export function firstLine(message: string | undefined, max = 500): string {
  return (message ?? '').split('\n')[0].slice(0, max);
}

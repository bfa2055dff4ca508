import { exceptions, HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { ERROR_TABLE, ErrorContext, mapAwsError, SCOPE_ADVICE } from '../../runtime/error-map';
import { handlerError } from '../../runtime/errors';

/** An error shaped like the ones SDK v3 clients throw (ServiceException subclasses). */
function sdkError(name: string, fault: 'client' | 'server', status: number, message = `${name} happened`) {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status, requestId: 'req-1' } });
}

/** How Node reports a socket failure: a plain Error named 'Error' with a code. */
function networkError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, errno: -111, syscall: 'connect' });
}

const ctx: ErrorContext = { property: 'StateMachineArn', resource: "state machine 'arn:aws:states:us-east-1:123456789012:stateMachine:sm'" };

const CASES: Array<{ label: string; err: unknown; code: HandlerErrorCode }> = [
  { label: 'ThrottlingException', err: sdkError('ThrottlingException', 'client', 400), code: HandlerErrorCode.Throttling },
  { label: 'TooManyRequestsException', err: sdkError('TooManyRequestsException', 'client', 429), code: HandlerErrorCode.Throttling },
  { label: 'UnrecognizedClientException', err: sdkError('UnrecognizedClientException', 'client', 400), code: HandlerErrorCode.InvalidCredentials },
  // Starts with "Invalid" but is about credentials: the credentials row must win over the InvalidRequest row.
  { label: 'InvalidClientTokenId', err: sdkError('InvalidClientTokenId', 'client', 403), code: HandlerErrorCode.InvalidCredentials },
  { label: 'AccessDeniedException', err: sdkError('AccessDeniedException', 'client', 400), code: HandlerErrorCode.AccessDenied },
  { label: 'an unnamed 403', err: { name: 'SomethingElse', $metadata: { httpStatusCode: 403 } }, code: HandlerErrorCode.AccessDenied },
  { label: 'StateMachineDoesNotExist', err: sdkError('StateMachineDoesNotExist', 'client', 400), code: HandlerErrorCode.NotFound },
  { label: 'ParameterNotFound', err: sdkError('ParameterNotFound', 'client', 400), code: HandlerErrorCode.NotFound },
  { label: 'NoSuchKey', err: sdkError('NoSuchKey', 'client', 404), code: HandlerErrorCode.NotFound },
  { label: 'ExecutionLimitExceeded', err: sdkError('ExecutionLimitExceeded', 'client', 400), code: HandlerErrorCode.ServiceLimitExceeded },
  { label: 'ConflictException', err: sdkError('ConflictException', 'client', 409), code: HandlerErrorCode.ResourceConflict },
  { label: 'InvalidArn', err: sdkError('InvalidArn', 'client', 400), code: HandlerErrorCode.InvalidRequest },
  { label: 'ValidationException', err: sdkError('ValidationException', 'client', 400), code: HandlerErrorCode.InvalidRequest },
  { label: 'ECONNREFUSED', err: networkError('ECONNREFUSED'), code: HandlerErrorCode.NetworkFailure },
  { label: 'a bare ECONNRESET code', err: { code: 'ECONNRESET', message: 'socket hang up' }, code: HandlerErrorCode.NetworkFailure },
  { label: 'ECONNABORTED', err: networkError('ECONNABORTED'), code: HandlerErrorCode.NetworkFailure },
  { label: 'TimeoutError', err: Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' }), code: HandlerErrorCode.NetworkFailure },
  { label: 'a 503 server fault', err: sdkError('ServiceUnavailable', 'server', 503), code: HandlerErrorCode.ServiceInternalError },
  { label: 'a server fault known only by $fault', err: { name: 'Oops', $fault: 'server' }, code: HandlerErrorCode.ServiceInternalError },
  { label: 'an unnamed 500', err: { name: 'Weird', $metadata: { httpStatusCode: 500 } }, code: HandlerErrorCode.ServiceInternalError },
  { label: 'an unknown client error', err: sdkError('SomethingOdd', 'client', 400), code: HandlerErrorCode.InternalFailure },
  { label: 'a thrown string', err: 'just a string', code: HandlerErrorCode.InternalFailure },
];

describe('mapAwsError', () => {
  test('every row of ERROR_TABLE has a case', () => {
    const covered = new Set(CASES.map((c) => c.code));
    for (const row of ERROR_TABLE) expect(covered).toContain(row.code);
  });

  test.each(CASES)('$label → $code', ({ err, code }) => {
    const mapped = mapAwsError(err, ctx);
    expect(mapped).toBeInstanceOf(exceptions.BaseHandlerException);
    expect(mapped.errorCode).toBe(code);
    expect(mapped.message).toContain(ctx.property);
    expect(mapped.message).toContain(ctx.resource);
    expect(mapped.message).not.toMatch(/\n\s+at /);
    expect((mapped as Error & { cause?: unknown }).cause).toBe(err);
    const event = mapped.toProgressEvent();
    expect(event.errorCode).toBe(code);
    expect(event.message).toBe(mapped.message);
  });

  test('the message keeps the first line of the original and never its stack', () => {
    const err = sdkError('ThrottlingException', 'client', 400, 'Rate exceeded\n    at Object.send (client.js:1:1)\n    at run (x.js:2:2)');
    const mapped = mapAwsError(err, ctx);
    expect(mapped.message).toContain('Rate exceeded');
    expect(mapped.message).not.toContain('\n');
    expect(mapped.message).not.toContain(err.stack!.split('\n')[1]);
  });

  test("an access denial names the resource and what the admin changes: the type's scopes", () => {
    const err = sdkError('AccessDeniedException', 'client', 400, 'User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: states:StartExecution');
    const mapped = mapAwsError(err, ctx);
    expect(mapped.message).toBe(`${ctx.property}: ${ctx.resource} access denied (AccessDeniedException: ${err.message}); ${SCOPE_ADVICE}`);
    expect(SCOPE_ADVICE).toMatch(/execution role must allow this resource.*scopes.*npm run register -- --scopes/);
    // Only denials get the advice.
    expect(mapAwsError(sdkError('ThrottlingException', 'client', 400), ctx).message).not.toContain(SCOPE_ADVICE);
  });

  test('without a property, the message starts with the resource', () => {
    const mapped = mapAwsError(sdkError('ParameterNotFound', 'client', 400), { resource: "task record '/Orch/Task/X/Y/id'" });
    expect(mapped.message).toMatch(/^task record '\/Orch\/Task\/X\/Y\/id' was not found/);
  });

  test('a handler error passes through unchanged', () => {
    const original = handlerError(HandlerErrorCode.NotStabilized, 'already mapped');
    expect(mapAwsError(original, ctx)).toBe(original);
    const libraryOwn = new exceptions.NotFound('Thing', 'id-1');
    expect(mapAwsError(libraryOwn, ctx)).toBe(libraryOwn);
  });
});

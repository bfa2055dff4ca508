import { exceptions, HandlerErrorCode, OperationStatus } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../runtime/errors';

const CODES = Object.values(HandlerErrorCode);

describe('handlerError', () => {
  test('covers every HandlerErrorCode of the library', () => {
    expect(CODES.length).toBeGreaterThanOrEqual(15);
  });

  test.each(CODES)('%s', (code) => {
    const msg = `something about ${code}: it went wrong`;
    const error = handlerError(code, msg);

    // The library's entrypoint only turns BaseHandlerException into a clean FAILED event.
    expect(error).toBeInstanceOf(exceptions.BaseHandlerException);
    expect(error).toBeInstanceOf(Error);
    expect(error.errorCode).toBe(code);
    expect(error.message).toBe(msg);

    const event = error.toProgressEvent();
    expect(event.status).toBe(OperationStatus.Failed);
    expect(event.errorCode).toBe(code);
    expect(event.message).toBe(msg);
  });

  test('keeps the cause without putting it in the message', () => {
    const cause = new Error('inner failure');
    const error = handlerError(HandlerErrorCode.InternalFailure, 'outer', cause);
    expect((error as Error & { cause?: unknown }).cause).toBe(cause);
    expect(error.toProgressEvent().message).toBe('outer');
  });
});

import { exceptions, HandlerErrorCode, OperationStatus } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { ERROR_CLASS, handlerError, HandlerError, NotFoundError } from '../../runtime/errors';

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

  test.each(CODES)('%s has a class of its own, constructed with a message alone', (code) => {
    const error = new ERROR_CLASS[code]('plain message');
    expect(error).toBeInstanceOf(HandlerError);
    expect(error).toBeInstanceOf(exceptions.BaseHandlerException);
    expect(error.errorCode).toBe(code);
    expect(error.name).toBe(code);
    expect(error.stack).toContain('plain message');
    expect(handlerError(code, 'x')).toBeInstanceOf(ERROR_CLASS[code]);
    expect(new Set(Object.values(ERROR_CLASS)).size).toBe(CODES.length);
  });

  test('a class keeps its code whatever its name becomes (a bundler may rename classes)', () => {
    class Renamed extends NotFoundError {}
    expect(new Renamed('gone').toProgressEvent()).toMatchObject({ errorCode: 'NotFound', message: 'gone' });
  });

  test('keeps the cause without putting it in the message', () => {
    const cause = new Error('inner failure');
    const error = handlerError(HandlerErrorCode.InternalFailure, 'outer', cause);
    expect((error as Error & { cause?: unknown }).cause).toBe(cause);
    expect(error.toProgressEvent().message).toBe('outer');
  });
});

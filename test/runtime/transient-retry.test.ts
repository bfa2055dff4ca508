import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { DEFAULT_POLICY } from '../../runtime/backoff';
import { handlerError } from '../../runtime/errors';
import { MAX_TRANSIENT_HOPS, TRANSIENT, transientDelaySeconds, transientHop } from '../../runtime/transient-retry';

describe('transientHop', () => {
  test.each(Object.values(HandlerErrorCode))('%s', (code) => {
    const expected = TRANSIENT.has(code) ? 1 : undefined;
    expect(transientHop(handlerError(code, 'x'))).toBe(expected);
  });

  test('throttling, a service fault and a network failure are transient', () => {
    expect([...TRANSIENT].sort()).toEqual(['NetworkFailure', 'ServiceInternalError', 'Throttling']);
  });

  test(`at most ${MAX_TRANSIENT_HOPS} hops in a row`, () => {
    const err = handlerError(HandlerErrorCode.Throttling, 'slow down');
    expect(transientHop(err, MAX_TRANSIENT_HOPS - 1)).toBe(MAX_TRANSIENT_HOPS);
    expect(transientHop(err, MAX_TRANSIENT_HOPS)).toBeUndefined();
  });

  test('an error without a handler code (a bug) is never transient', () => {
    expect(transientHop(new Error('boom'))).toBeUndefined();
    expect(transientHop(undefined)).toBeUndefined();
  });
});

test('the delay after a transient error is the backoff delay, at least 5 s', () => {
  expect(transientDelaySeconds(DEFAULT_POLICY, 0)).toBe(5);
  expect(transientDelaySeconds(DEFAULT_POLICY, 3600)).toBe(58);
});

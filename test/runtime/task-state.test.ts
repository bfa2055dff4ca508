import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { GeneralServiceError, NotStabilizedError } from '../../runtime/errors';
import { claimed, failed, failureOf, isRunning, resourceExists, runningWork, started, stopped, succeeded } from '../../runtime/task-state';

const lastGood = { digest: 'd', model: { Id: 'x' } };

test('claimed and started run; only started has work to follow or stop', () => {
  expect([claimed('r', 1), started('r', 1, { arn: 'a' }), succeeded('r')].map(isRunning)).toEqual([true, true, false]);
  expect(runningWork(claimed('r', 1))).toBeUndefined();
  expect(runningWork(started('r', 1, { arn: 'a' }))).toEqual({ arn: 'a' });
  expect(runningWork(undefined)).toBeUndefined();
});

test('a run that succeeded while its work still runs keeps the work to let go of, yet is not running', () => {
  const handedOver = succeeded('r', { arn: 'a' });
  expect(runningWork(handedOver)).toEqual({ arn: 'a' });
  expect(isRunning(handedOver)).toBe(false);
  expect(runningWork(succeeded('r'))).toBeUndefined();
  expect(succeeded('r')).toEqual({ status: 'succeeded', run: 'r' }); // no work key: records of plain runs stay as they were
});

test('a run that ended badly gives back its error, with its code, to every re-send', () => {
  const task = failed('r', new GeneralServiceError('it failed'));
  expect(failureOf(task)).toMatchObject({ errorCode: HandlerErrorCode.GeneralServiceException, message: 'it failed' });
  expect(failureOf(stopped('r', new NotStabilizedError('too long')))).toMatchObject({ errorCode: HandlerErrorCode.NotStabilized });
  expect(failureOf(succeeded('r'))).toBeUndefined();
  expect(JSON.parse(JSON.stringify(task))).toEqual(task); // kept in a task record as JSON
});

test('a failed create is no resource to read and list; a failed update still is', () => {
  expect(resourceExists({ task: failed('r', new GeneralServiceError('x')) })).toBe(false);
  expect(resourceExists({ task: failed('r', new GeneralServiceError('x')), lastGood })).toBe(true);
  expect(resourceExists({ task: started('r', 1, {}) })).toBe(true);
  expect(resourceExists({ task: succeeded('r'), lastGood })).toBe(true);
});

/**
 * The follow loop against a scripted entrypoint: what CloudFormation sends back after IN_PROGRESS, and the
 * schema's per-action time limit counted on CloudFormation's clock (full callback delays, however scaled down).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnDriver, DEFAULT_TIMEOUT_MINUTES, HandlerRequest, ProgressEventJson, TIMED_OUT_MESSAGE, timeoutsFromSchema } from '../../../local/protocol';
import { REPO_ROOT } from '../../../local/python-env';

/** An entrypoint answering from `script` in turn, recording (copies of) the requests it got. */
function scripted(script: ProgressEventJson[]) {
  const requests: HandlerRequest[] = [];
  const entrypoint = async (request: HandlerRequest) => {
    requests.push(structuredClone(request));
    return script[Math.min(requests.length, script.length) - 1];
  };
  return { requests, entrypoint };
}

const inProgress = (step: number, delay = 5): ProgressEventJson => ({
  status: 'IN_PROGRESS',
  callbackDelaySeconds: delay,
  callbackContext: { step },
  resourceModel: { Id: 'Train-1', Step: step },
});

describe('following IN_PROGRESS', () => {
  test('each callback is the same request, bearer token included, carrying the last event\'s callbackContext and model', async () => {
    const { requests, entrypoint } = scripted([inProgress(1), inProgress(2), { status: 'SUCCESS', resourceModel: { Id: 'Train-1', Done: 'yes' } }]);
    const driver = new CfnDriver({ entrypoint, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], delayScale: 0 });
    const result = await driver.create('Train', { Input: 'x' });

    expect(result).toMatchObject({ status: 'SUCCESS', model: { Id: 'Train-1', Done: 'yes' }, violations: [] });
    expect(result.invocations.map((i) => i.attempts)).toEqual([1, 1, 1]);
    expect(requests.map((r) => r.callbackContext)).toEqual([undefined, { step: 1 }, { step: 2 }]);
    expect(requests.map((r) => r.requestData.resourceProperties)).toEqual([{ Input: 'x' }, { Id: 'Train-1', Step: 1 }, { Id: 'Train-1', Step: 2 }]);
    expect(new Set(requests.map((r) => r.bearerToken)).size).toBe(1);
    expect(requests[2]).toEqual({ ...requests[0], callbackContext: { step: 2 }, requestData: { ...requests[0].requestData, resourceProperties: { Id: 'Train-1', Step: 2 } } });
  });

  test('the first request has the registry\'s shape', async () => {
    const { requests, entrypoint } = scripted([{ status: 'SUCCESS', resourceModel: { Id: 'a' } }]);
    const driver = new CfnDriver({ entrypoint, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], typeConfiguration: { Allowed: ['x'] } });
    await driver.update('Train', { Id: 'a', Old: 1 }, { P: 1 }, { P: 2 });
    expect(requests[0]).toEqual({
      action: 'UPDATE',
      awsAccountId: '123456789012',
      bearerToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
      region: 'us-east-1',
      resourceType: 'Orch::Test::Thing',
      stackId: driver.stackId,
      requestData: {
        callerCredentials: { accessKeyId: expect.any(String), secretAccessKey: expect.any(String), sessionToken: expect.any(String) },
        logicalResourceId: 'Train',
        stackTags: {},
        systemTags: {},
        typeConfiguration: { Allowed: ['x'] },
        resourceProperties: { P: 2, Id: 'a' },
        previousResourceProperties: { P: 1, Id: 'a' },
      },
    });
    expect(driver.stackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/local-[0-9a-f]{8}\/[0-9a-f-]{36}$/);
  });
});

describe('per-action time limits', () => {
  test('past the schema\'s limit the operation fails as CloudFormation fails it, and the handler is not called again', async () => {
    // 60-second hops against a 2-minute limit: the second hop reaches it.
    const { requests, entrypoint } = scripted([inProgress(1, 60)]);
    const driver = new CfnDriver({ entrypoint, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], delayScale: 0, timeouts: { create: 2 } });
    const result = await driver.create('Slow', {});
    expect(result).toMatchObject({ status: 'FAILED', errorCode: 'NotStabilized', message: TIMED_OUT_MESSAGE, model: { Id: 'Train-1' } });
    expect(requests).toHaveLength(2);
  });

  test('an action the schema names no limit for gets the default of 120 minutes', async () => {
    const { requests, entrypoint } = scripted([inProgress(1, 600)]);
    const driver = new CfnDriver({ entrypoint, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], delayScale: 0, timeouts: { create: 2 } });
    const result = await driver.delete('Slow', { Id: 'Train-1' });
    expect(result.message).toBe(TIMED_OUT_MESSAGE);
    expect(requests).toHaveLength((DEFAULT_TIMEOUT_MINUTES * 60) / 600);
  });

  test('limits read from a type\'s schema, actions without one left out', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'resource-types/lambda-task/orch-lambda-task.json'), 'utf8'));
    expect(timeoutsFromSchema(schema)).toEqual({ create: 10, update: 10 });
    expect(timeoutsFromSchema({ handlers: { read: {}, delete: { timeoutInMinutes: 30 } } })).toEqual({ delete: 30 });
  });
});

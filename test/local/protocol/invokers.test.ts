/**
 * One real type (Orch::S3::FileReader, against moto) through each invoker: its entrypoint in this process, its
 * shipped bundle in a fresh `node` process per request, and the Lambda Invoke API at the loopback endpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnDriver, HandlerRequest, inProcessInvoker, Invoker, lambdaInvoker, processInvoker } from '../../../local/protocol';
import { startLambdaEndpoint } from '../../../local/lambda-endpoint';
import { REPO_ROOT } from '../../../local/python-env';
import { bundleType } from '../../../tools/bundle';
import { entrypoint } from '../../../resource-types/s3-file-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../../resource-types/s3-file-reader/src/models';
import { bucket, putObject } from '../../support/s3-objects';

const driverWith = (invoker: Invoker) => new CfnDriver({ invoker, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });

/** Create, read and delete one FileReader; what each step returned. */
async function lifecycle(invoker: Invoker) {
  const b = await bucket();
  await putObject(b, 'card.json', { model: { name: 'resnet' } });
  const driver = driverWith(invoker);
  const created = await driver.create('Card', { Bucket: b, Key: 'card.json' });
  const read = await driver.read('Card', created.model ?? {});
  const deleted = await driver.delete('Card', created.model ?? {});
  return { created, read, deleted };
}

function expectLifecycle({ created, read, deleted }: Awaited<ReturnType<typeof lifecycle>>) {
  expect(created).toMatchObject({ status: 'SUCCESS', violations: [], model: { Output: { model: { name: 'resnet' } }, Source: 'Object' } });
  expect(read).toMatchObject({ status: 'SUCCESS', model: { Id: created.model!.Id, Output: created.model!.Output } });
  expect(deleted).toMatchObject({ status: 'SUCCESS', violations: [] });
}

describe('in-process invoker', () => {
  test('runs a type\'s entrypoint', async () => {
    expectLifecycle(await lifecycle(inProcessInvoker(entrypoint)));
  });

  test('the handler gets a copy of the request, as over the wire', async () => {
    let received: HandlerRequest | undefined;
    const invoke = inProcessInvoker(async (request) => {
      received = request;
      request.requestData.logicalResourceId = 'changed';
      return { status: 'SUCCESS' };
    });
    const request = driverWith(invoke).request('READ', 'Card', { resourceProperties: { Id: 'a' } });
    await invoke(request);
    expect(received).not.toBe(request);
    expect(request.requestData.logicalResourceId).toBe('Card');
  });
});

describe('fresh-process invoker', () => {
  let dir: string;
  let handlerFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orch-protocol-'));
    handlerFile = await bundleType(join(REPO_ROOT, 'resource-types', 's3-file-reader'), join(dir, 'TypeFunction'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('runs the shipped bundle, one node process per request', async () => {
    expectLifecycle(await lifecycle(processInvoker(handlerFile)));
  });
});

describe('Lambda endpoint invoker', () => {
  test('sends each request through the Invoke API', async () => {
    const endpoint = await startLambdaEndpoint({ TypeFunction: entrypoint as never });
    try {
      const result = await lifecycle(lambdaInvoker('TypeFunction', endpoint.url));
      expectLifecycle(result);
      expect(endpoint.invocations.map((i) => [i.functionName, (i.payload as HandlerRequest).action])).toEqual([
        ['TypeFunction', 'CREATE'],
        ['TypeFunction', 'READ'],
        ['TypeFunction', 'DELETE'],
      ]);
    } finally {
      await endpoint.close();
    }
  });

  test('a handler that throws ends the operation with the function error', async () => {
    const endpoint = await startLambdaEndpoint({
      TypeFunction: async () => {
        throw new Error('handler crashed');
      },
    });
    try {
      await expect(driverWith(lambdaInvoker('TypeFunction', endpoint.url)).create('Card', {})).rejects.toThrow(/^function TypeFunction raised Unhandled: .*handler crashed/);
      expect(endpoint.invocations).toHaveLength(1);
    } finally {
      await endpoint.close();
    }
  });
});

/**
 * A lost answer: the handler ran (or not) and its event never came back. CloudFormation sends the same request
 * again; the handler's idempotency (keyed on the bearer token) must make the second send start nothing new.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { CfnDriver, HandlerRequest, inProcessInvoker, Invoker, lambdaInvoker, LostAnswer, processInvoker } from '../../../local/protocol';
import { startLambdaEndpoint } from '../../../local/lambda-endpoint';
import { passDefinition, sfn, stateMachine } from '../../../local/state-machines';
import { entrypoint } from '../../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../../resource-types/stepfunctions-task/src/models';

/** Delivers every request, but drops the answers to the sends numbered in `lost` (1-based). */
function losingAnswers(invoker: Invoker, lost: number[]) {
  const sent: HandlerRequest[] = [];
  const invoke: Invoker = async (request) => {
    sent.push(structuredClone(request));
    const response = await invoker(request);
    if (lost.includes(sent.length)) throw new LostAnswer(`answer ${sent.length} dropped`);
    return response;
  };
  return { sent, invoke };
}

test('a lost answer to CREATE re-sends the identical request, and the state machine runs once', async () => {
  const arn = await stateMachine(passDefinition({ ok: true }));
  const { sent, invoke } = losingAnswers(inProcessInvoker(entrypoint), [1]);
  const driver = new CfnDriver({ invoker: invoke, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
  const result = await driver.create('Train', { StateMachineArn: arn });

  expect(result).toMatchObject({ status: 'SUCCESS', violations: [], model: { Status: 'SUCCEEDED' } });
  expect(sent[1]).toEqual(sent[0]);
  expect(result.invocations[0].attempts).toBe(2);
  expect((await sfn().send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toHaveLength(1);
});

test('a lost answer to a callback re-sends it with the same callbackContext', async () => {
  const answers = [
    { status: 'IN_PROGRESS' as const, callbackDelaySeconds: 1, callbackContext: { polls: 1 }, resourceModel: { Id: 'a' } },
    { status: 'SUCCESS' as const, resourceModel: { Id: 'a' } },
  ];
  let calls = 0;
  const { sent, invoke } = losingAnswers(async () => answers[Math.min(calls++, 1)], [2]);
  const driver = new CfnDriver({ invoker: invoke, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], delayScale: 0 });
  const result = await driver.create('Train', {});
  expect(result.status).toBe('SUCCESS');
  expect(sent).toHaveLength(3);
  expect(sent[2]).toEqual(sent[1]);
  expect(sent[1].callbackContext).toEqual({ polls: 1 });
  expect(result.invocations.map((i) => i.attempts)).toEqual([1, 2]);
});

test('with every answer lost the operation fails after maxAttempts sends, an InternalFailure naming the loss', async () => {
  const { sent, invoke } = losingAnswers(async () => ({ status: 'SUCCESS' }), [1, 2, 3, 4]);
  const driver = new CfnDriver({ invoker: invoke, typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], maxAttempts: 4 });
  const result = await driver.create('Train', {});
  expect(result).toMatchObject({ status: 'FAILED', errorCode: 'InternalFailure', message: 'no answer after 4 attempts: answer 4 dropped', invocations: [] });
  expect(sent).toHaveLength(4);
});

test('an error that is no lost answer is not re-sent', async () => {
  let calls = 0;
  const driver = new CfnDriver({
    invoker: async () => {
      calls++;
      throw new Error('bad wiring');
    },
    typeName: 'Orch::Test::Thing',
    primaryIdentifier: ['Id'],
  });
  await expect(driver.create('Train', {})).rejects.toThrow('bad wiring');
  expect(calls).toBe(1);
});

test('a fresh process that dies before answering is a lost answer: the next send gets through', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'orch-crash-'));
  try {
    // Dies on its first run (leaving a mark), answers on the next: a Lambda container lost mid-invocation.
    const handlerFile = join(dir, 'handler.cjs');
    const mark = join(dir, 'crashed-once');
    writeFileSync(
      handlerFile,
      `const fs = require('fs');
exports.entrypoint = async (request) => {
  if (!fs.existsSync(${JSON.stringify(mark)})) { fs.writeFileSync(${JSON.stringify(mark)}, ''); process.exit(137); }
  return { status: 'SUCCESS', resourceModel: { Id: request.bearerToken, Pid: process.pid } };
};`,
    );
    const driver = new CfnDriver({ invoker: processInvoker(handlerFile), typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'] });
    const request = driver.request('CREATE', 'Train', { resourceProperties: {} });
    const result = await driver.run(request);
    expect(existsSync(mark)).toBe(true);
    expect(result).toMatchObject({ status: 'SUCCESS', model: { Id: request.bearerToken } });
    expect(result.model!.Pid).not.toBe(process.pid);
    expect(result.invocations[0].attempts).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Lambda endpoint that does not answer is a lost answer', async () => {
  const endpoint = await startLambdaEndpoint({ TypeFunction: async () => ({ status: 'SUCCESS' }) });
  await endpoint.close();
  const driver = new CfnDriver({ invoker: lambdaInvoker('TypeFunction', endpoint.url), typeName: 'Orch::Test::Thing', primaryIdentifier: ['Id'], maxAttempts: 2 });
  const result = await driver.create('Train', {});
  expect(result).toMatchObject({ status: 'FAILED', errorCode: 'InternalFailure', message: expect.stringMatching(/^no answer after 2 attempts: no answer from function TypeFunction: /) });
});

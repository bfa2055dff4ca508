import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { LOCAL_AWS } from '../../local/local-aws';
import { claimed } from '../../runtime/task-state';
import { TaskStore } from '../../runtime/task-store';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { fakeParameterStore } from '../support/fake-parameter-store';
import { CfnDriver } from '../../local/protocol';
import { requestScopedName } from '../../runtime/identity';
import { entrypoint } from '../../resource-types/lambda-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/lambda-task/src/models';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';

/**
 * Faults the local Lambda endpoint does not produce: refusals by Lambda (aws-sdk-client-mock), a connection that
 * drops during the invocation (a real socket reset), and a task-record write lost after the invocation.
 */

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });

const lambdaError = (name: string, status: number, message: string) =>
  new LambdaServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });

/** The Id a create request gets, to look for its record after a failure that returned no model. */
const idOf = (logicalId: string, bearerToken: string) =>
  requestScopedName({ logicalResourceId: logicalId, clientRequestToken: bearerToken }, 'id', logicalId, 128);

describe('Orch::Lambda::Task when Lambda refuses the call', () => {
  let lambda: AwsStub<any, any, any>;

  beforeEach(() => {
    lambda = mockClient(LambdaClient);
    lambda.on(GetFunctionConfigurationCommand).resolves({ FunctionName: 'guarded', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:guarded', Timeout: 3 });
  });

  afterEach(() => lambda.restore());

  test('AccessDeniedException on GetFunctionConfiguration fails with AccessDenied naming the function, invoking nothing', async () => {
    lambda.on(GetFunctionConfigurationCommand).rejects(lambdaError('AccessDeniedException', 403, 'not authorized to perform lambda:GetFunctionConfiguration'));

    const result = await driver().create('Denied', { FunctionName: 'guarded' });

    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toMatch(/^FunctionName: function 'guarded' access denied/);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  test('AccessDeniedException on Invoke fails with AccessDenied and leaves no record', async () => {
    lambda.on(InvokeCommand).rejects(lambdaError('AccessDeniedException', 403, 'not authorized to perform lambda:InvokeFunction'));
    const d = driver();
    const request = d.request('CREATE', 'DeniedInvoke', { resourceProperties: { FunctionName: 'guarded' } });

    const result = await d.run(request);

    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toContain("function 'guarded'");
    expect((await d.read('DeniedInvoke', { Id: idOf('DeniedInvoke', request.bearerToken) })).errorCode).toBe('NotFound');
  });

  test('TooManyRequestsException on Invoke (the function did not run) fails with Throttling and leaves no claim, so a retry invokes', async () => {
    lambda.on(InvokeCommand).rejectsOnce(lambdaError('TooManyRequestsException', 429, 'Rate exceeded')).resolves({ StatusCode: 200, Payload: new TextEncoder().encode('{"ok":true}') as never });
    const d = driver();
    const request = d.request('CREATE', 'Throttled', { resourceProperties: { FunctionName: 'guarded' } });

    const throttled = await d.run(request);
    expect(throttled.errorCode).toBe('Throttling');
    expect(throttled.message).toContain("FunctionName: function 'guarded' was throttled");

    // Throttling is retriable: CloudFormation sends the same request again, and this time the function runs.
    const retried = await d.run(request);
    expect(retried.status).toBe('SUCCESS');
    expect(retried.model!.Output).toEqual({ ok: 'true' });
    expect(retried.model!.Id).toBe(idOf('Throttled', request.bearerToken)); // the Id the other tests look for
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });

  test('RequestTooLargeException is InvalidRequest naming Payload', async () => {
    lambda.on(InvokeCommand).rejects(lambdaError('RequestTooLargeException', 413, 'Request must be smaller than 6291456 bytes for the InvokeFunction operation'));
    const result = await driver().create('Huge', { FunctionName: 'guarded', Payload: { big: 'x' } });
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toMatch(/^Payload: function 'guarded' refused the payload \(RequestTooLargeException/);
  });

  test('a 500 ServiceException on Invoke is an unknown outcome: a terminal failure that says so, never a retry', async () => {
    lambda.on(InvokeCommand).rejects(lambdaError('ServiceException', 500, 'Internal error'));
    const result = await driver().create('Unknown', { FunctionName: 'guarded' });
    expect(result.errorCode).toBe('GeneralServiceException');
    expect(result.message).toContain('may or may not have run, and it is not invoked again');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });

  test('after a 5xx every re-send of the request reports the unknown outcome without invoking; the rollback delete removes the record', async () => {
    lambda.on(InvokeCommand).rejects(lambdaError('ServiceException', 500, 'Internal error'));
    const d = driver();
    const request = d.request('CREATE', 'UnknownResent', { resourceProperties: { FunctionName: 'guarded' } });
    const id = idOf('UnknownResent', request.bearerToken);

    const first = await d.run(request);
    expect(first.errorCode).toBe('GeneralServiceException');
    expect(first.message).toContain('may or may not have run, and it is not invoked again');
    for (let resend = 0; resend < 3; resend++) {
      const again = await d.run(request); // CloudFormation re-sends the very same request
      expect({ invocations: again.invocations.length, errorCode: again.errorCode, message: again.message }).toEqual({
        invocations: 1,
        errorCode: 'GeneralServiceException',
        message: first.message,
      });
    }
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);

    // To CloudFormation the failed create made nothing: read and list do not see it; the rollback's delete removes it.
    expect((await d.read('UnknownResent', { Id: id })).errorCode).toBe('NotFound');
    expect((await d.list()).models!.map((m) => m.Id)).not.toContain(id);
    expect((await d.delete('UnknownResent', { FunctionName: 'guarded', Id: id })).status).toBe('SUCCESS');
    expect((await d.delete('UnknownResent', { FunctionName: 'guarded', Id: id })).errorCode).toBe('NotFound');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });
});

describe('Orch::Lambda::Task when the connection drops during the invocation', () => {
  let server: Server;
  let invokes = 0;
  let previous: string | undefined;

  beforeAll(async () => {
    // Answers GetFunctionConfiguration, and resets the connection of every Invoke after reading it.
    server = createServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ FunctionName: 'flaky', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:flaky', Timeout: 3 }));
      }
      invokes++;
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    previous = process.env.AWS_ENDPOINT_URL_LAMBDA;
    process.env.AWS_ENDPOINT_URL_LAMBDA = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
    else process.env.AWS_ENDPOINT_URL_LAMBDA = previous;
    await new Promise((resolve) => server.close(resolve));
  });

  test('the Invoke is sent once (no SDK retry) and the create fails saying the outcome is unknown', async () => {
    const d = driver();
    const request = d.request('CREATE', 'Dropped', { resourceProperties: { FunctionName: 'flaky' } });

    const result = await d.run(request);

    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('GeneralServiceException');
    expect(result.message).toMatch(/^FunctionName: the invocation of function 'flaky' ended before its answer arrived \(/);
    expect(result.message).toContain('may or may not have run');
    expect(invokes).toBe(1);
    expect((await d.read('Dropped', { Id: idOf('Dropped', request.bearerToken) })).errorCode).toBe('NotFound');

    const resent = await d.run(request);
    expect(resent.message).toBe(result.message);
    expect(invokes).toBe(1);
  });
});

describe('Orch::Lambda::Task when the task-record write after the invocation is lost', () => {
  let functions: ServedFunctions;
  let ssm: AwsStub<any, any, any>;

  beforeAll(async () => {
    functions = await serveTestFunctions();
  });

  afterAll(async () => {
    await functions.stop();
  });

  beforeEach(() => {
    ssm = mockClient(SSMClient);
  });

  afterEach(() => ssm.restore());

  test('the re-sent request never invokes again: it waits for the earlier attempt, then fails saying the outcome is unknown', async () => {
    const store = fakeParameterStore(ssm);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    // The attempt is recorded, the function runs, then the write of its outcome is lost.
    ssm.on(PutParameterCommand).callsFakeOnce(store.put).rejectsOnce(reset).callsFake(store.put);
    const d = driver();
    const request = d.request('CREATE', 'LostWrite', { resourceProperties: { FunctionName: 'nested' } });

    const lost = await d.send(request);
    expect(lost.response.errorCode).toBe('NetworkFailure');
    expect(functions.count('nested')).toBe(1);

    // NetworkFailure is retriable: CloudFormation re-sends. The earlier attempt may still be alive, so this one waits.
    const waiting = await d.send(request);
    expect(waiting.response.status).toBe('IN_PROGRESS');
    expect(functions.count('nested')).toBe(1);

    // Past one handler invocation's budget (60 s), the earlier attempt is certainly gone.
    const [[name, value]] = [...store.params];
    const record = JSON.parse(value);
    expect(record.state.task.status).toBe('claimed');
    store.params.set(name, JSON.stringify({ ...record, state: { ...record.state, task: { ...record.state.task, at: Date.now() - 120_000 } } }));
    const gaveUp = await d.run(request);

    expect(gaveUp.violations).toEqual([]);
    expect(gaveUp.errorCode).toBe('NotStabilized');
    expect(gaveUp.message).toContain('whether it ran is unknown; it is not started again. Change RunToken to run it again.');
    expect(functions.count('nested')).toBe(1);

    // The unknown outcome stays recorded, so every later re-send finds it; to read the resource does not exist.
    const again = await d.run(request);
    expect(again.errorCode).toBe('NotStabilized');
    expect(again.message).toBe(gaveUp.message);
    expect(functions.count('nested')).toBe(1);
    const id = idOf('LostWrite', request.bearerToken);
    expect((await d.read('LostWrite', { Id: id })).errorCode).toBe('NotFound');
    // The rollback's delete removes it.
    expect((await d.delete('LostWrite', { FunctionName: 'nested', Id: id })).status).toBe('SUCCESS');
    expect(store.params.size).toBe(0);
  });
});

describe('Orch::Lambda::Task when the handler died during Invoke', () => {
  let functions: ServedFunctions;

  beforeAll(async () => {
    functions = await serveTestFunctions();
  });

  afterAll(async () => {
    await functions.stop();
  });

  test('a re-send waits out the rest of the attempt\'s lifetime in one hop, then fails unknown without invoking', async () => {
    // What a handler leaves when it dies inside Invoke: its claim, recorded before the call, and nothing after it.
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });
    const request = d.request('CREATE', 'DiedInvoking', { resourceProperties: { FunctionName: 'nested' } });
    const id = idOf('DiedInvoking', request.bearerToken);
    const run = requestScopedName({ logicalResourceId: 'DiedInvoking', clientRequestToken: request.bearerToken }, 'run', 'DiedInvoking');
    const store = new TaskStore(new SSMClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials }), TYPE_NAME);
    const claimedAgoSeconds = 58; // the claim's lifetime is 70 s: 12 s are left, more than one 10-second hop
    await store.put({ id, model: { FunctionName: 'nested', Id: id }, state: { task: claimed(run, Date.now() - claimedAgoSeconds * 1000) } });

    const resent = await d.run(request);

    expect(resent.violations).toEqual([]);
    expect(resent.invocations.map((i) => i.response.status)).toEqual(['IN_PROGRESS', 'FAILED']);
    expect(resent.invocations[0].response.callbackDelaySeconds).toBeGreaterThanOrEqual(70 - claimedAgoSeconds - 1);
    expect(resent.errorCode).toBe('NotStabilized');
    expect(resent.message).toContain('whether it ran is unknown; it is not started again');
    expect(functions.count('nested')).toBe(0);
    expect((await d.run(request)).invocations).toHaveLength(1); // known now: one invocation reports it
    expect(functions.count('nested')).toBe(0);
  });
});

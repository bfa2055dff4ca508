import { CfnDriver } from '../../local/protocol';
import { expectReadThenNotFoundAfterDelete } from '../support/lifecycle-checks';
import { requestScopedName } from '../../runtime/identity';
import { LOCAL_AWS } from '../../local/local-aws';
import { entrypoint } from '../../resource-types/lambda-task/src/handlers';
import { MAX_FUNCTION_TIMEOUT_SECONDS } from '../../resource-types/lambda-task/src/invocation';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/lambda-task/src/models';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
const arnOf = (name: string) => `arn:aws:lambda:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:function:${name}`;

/** Lets the test decide when the `gate` function answers. */
function gate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const started = new Promise<void>((resolve) => (entered = resolve));
  const handler = async () => {
    entered();
    await opened;
    return { gated: true };
  };
  return { handler, open, started };
}

let functions: ServedFunctions;
const gated = gate();

beforeAll(async () => {
  functions = await serveTestFunctions({ gate: gated.handler });
});

afterAll(async () => {
  await functions.stop();
});

describe('Orch::Lambda::Task', () => {
  test('create invokes the function once with the payload and exposes its result as Output and Result', async () => {
    const before = functions.count('nested');
    const result = await driver().create('Train', { FunctionName: 'nested', Payload: { dataset: 's3://bucket/data' } });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(functions.count('nested')).toBe(before + 1);
    expect(functions.endpoint.invocations.at(-1)!.payload).toEqual({ dataset: 's3://bucket/data' });
    expect(result.model).toMatchObject({
      FunctionName: 'nested',
      FunctionArn: arnOf('nested'),
      ExecutedVersion: '$LATEST',
      Output: {
        model: { name: 'resnet', uri: 's3://models/resnet' },
        metrics: { 0: { acc: '0.91' } },
        ok: 'true',
        input: { dataset: 's3://bucket/data' },
      },
    });
    expect(JSON.parse(result.model!.Result as string)).toEqual({
      model: { name: 'resnet', uri: 's3://models/resnet' },
      metrics: [{ acc: 0.91 }],
      ok: true,
      input: { dataset: 's3://bucket/data' },
    });
    expect(result.model!.Id).toMatch(/^Train-[0-9a-f]{24}$/);
    expect(result.model!.RequestId).toEqual(expect.any(String));
  });

  test('OutputPaths keeps only the requested leaves and subtrees; Result stays whole', async () => {
    const result = await driver().create('Filtered', { FunctionName: 'nested', OutputPaths: ['model.uri', 'metrics'] });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ model: { uri: 's3://models/resnet' }, metrics: { 0: { acc: '0.91' } } });
    expect(JSON.parse(result.model!.Result as string)).toMatchObject({ ok: true });
  });

  test.each([
    ['a number', 'scalar', {}, '42', '42'],
    ['a string', 'text', { name: 'orch' }, 'hello orch', '"hello orch"'],
    ['nothing (null)', 'nothing', {}, 'null', 'null'],
  ])('a function returning %s exposes it as Output.value', async (_what, name, payload, value, json) => {
    const result = await driver().create('Scalar', { FunctionName: name, Payload: payload });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ value });
    expect(result.model!.Result).toBe(json);
  });

  describe('Expose and Outputs', () => {
    test('each name comes back one level down as a string: strings as they are, anything else as JSON that parses back', async () => {
      const before = functions.count('nested');
      const result = await driver().create('Exposed', {
        FunctionName: 'nested',
        Payload: { epochs: 3, tags: ['a', 'b'] },
        Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.0.acc', Model: 'model', Ok: 'ok', Epochs: 'input.epochs', Input: 'input' },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(functions.count('nested')).toBe(before + 1);
      expect(result.model!.Outputs).toEqual({
        ModelUri: 's3://models/resnet',
        Accuracy: '0.91',
        Model: '{"name":"resnet","uri":"s3://models/resnet"}',
        Ok: 'true',
        Epochs: '3',
        Input: '{"epochs":3,"tags":["a","b"]}',
      });
      expect(JSON.parse((result.model!.Outputs as Record<string, string>).Input)).toEqual({ epochs: 3, tags: ['a', 'b'] });
    });

    test('a returned value that is not an object is Outputs of the path value', async () => {
      const result = await driver().create('ScalarExposed', { FunctionName: 'scalar', Expose: { Answer: 'value' } });
      expect(result.status).toBe('SUCCESS');
      expect(result.model!.Outputs).toEqual({ Answer: '42' });
    });

    test('a path the returned value does not hold fails the create with InvalidRequest, says the function ran, and leaves no record', async () => {
      const d = driver();
      const before = functions.count('nested');
      const request = d.request('CREATE', 'NoLoss', { resourceProperties: { FunctionName: 'nested', Expose: { ModelUri: 'model.uri', Loss: 'metrics.0.loss' } } });
      const result = await d.run(request);
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toBe("Expose.Loss: no value at path 'metrics.0.loss' in the value function 'nested' returned (the function ran and succeeded)");
      expect(functions.count('nested')).toBe(before + 1);
      const id = requestScopedName({ logicalResourceId: 'NoLoss', clientRequestToken: request.bearerToken }, 'id', 'NoLoss', 128);
      expect((await d.read('NoLoss', { Id: id })).errorCode).toBe('NotFound');
    });

    test('an update that changes only Expose invokes again, as OutputPaths does', async () => {
      const d = driver();
      const props = { FunctionName: 'nested', Expose: { ModelUri: 'model.uri' } };
      const before = functions.count('nested');
      const created = await d.create('ReExpose', props);
      const updated = await d.update('ReExpose', created.model!, props, { ...props, Expose: { Accuracy: 'metrics.0.acc' } });
      expect(updated.status).toBe('SUCCESS');
      expect(updated.model!.Outputs).toEqual({ Accuracy: '0.91' });
      expect(functions.count('nested')).toBe(before + 2);
    });
  });

  test('the function may be named by ARN, partial ARN, or qualified by version or alias', async () => {
    for (const reference of [arnOf('nested'), `${LOCAL_AWS.accountId}:function:nested`, 'nested:$LATEST', `${arnOf('nested')}:live`]) {
      const before = functions.count('nested');
      const result = await driver().create('Named', { FunctionName: reference });
      expect({ reference, status: result.status }).toEqual({ reference, status: 'SUCCESS' });
      expect(functions.count('nested')).toBe(before + 1);
    }
  });

  test('a payload given as a string holding JSON is sent as that JSON', async () => {
    const result = await driver().create('StringPayload', { FunctionName: 'nested', Payload: '{"n": [1, 2]}', OutputPaths: ['input'] });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ input: { n: { 0: '1', 1: '2' } } });
  });

  test('a function error fails the resource with its errorType and errorMessage, and leaves no record', async () => {
    const d = driver();
    const before = functions.count('throws');
    const request = d.request('CREATE', 'Broken', { resourceProperties: { FunctionName: 'throws' } });
    const result = await d.run(request);

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('GeneralServiceException');
    expect(result.message).toBe("Function 'throws' failed (Unhandled): TrainingDiverged: loss became NaN at step 40");
    expect(functions.count('throws')).toBe(before + 1);
    const id = requestScopedName({ logicalResourceId: 'Broken', clientRequestToken: request.bearerToken }, 'id', 'Broken', 128);
    expect((await d.read('Broken', { Id: id })).errorCode).toBe('NotFound');
  });

  test('a function that runs longer than the SDK default request timeout (8 s) is waited for, and invoked once', async () => {
    const before = functions.count('slow');
    const result = await driver().create('Slow', { FunctionName: 'slow', Payload: { seconds: 9 } });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ sleptSeconds: '9' });
    expect(functions.count('slow')).toBe(before + 1);
  });

  test(`a function whose timeout exceeds ${MAX_FUNCTION_TIMEOUT_SECONDS} s is rejected up front, naming the Step Functions alternative`, async () => {
    const before = functions.count('marathon');
    const result = await driver().create('Long', { FunctionName: 'marathon' });
    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('InvalidRequest');
    expect(result.message).toMatch(/^FunctionName: function 'marathon' has a timeout of 900 s/);
    expect(result.message).toContain('Orch::StepFunctions::Task');
    expect(functions.count('marathon')).toBe(before);
  });

  test('a result larger than Result can hold is left out of Result and kept in Output', async () => {
    const result = await driver().create('Large', { FunctionName: 'large', Payload: { size: 40_000 } });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Result).toBeUndefined();
    expect((result.model!.Output as Record<string, string>).blob).toHaveLength(40_000);
  });

  test('the same create request sent twice invokes the function once', async () => {
    const d = driver();
    const before = functions.count('nested');
    const request = d.request('CREATE', 'Twice', { resourceProperties: { FunctionName: 'nested', Payload: { n: 1 } } });
    const first = await d.run(request);
    const second = await d.run(request); // CloudFormation re-sends the very same request
    expect(second.status).toBe('SUCCESS');
    expect(second.model).toEqual(first.model);
    expect(first.model!.Id).toBe(requestScopedName({ logicalResourceId: 'Twice', clientRequestToken: request.bearerToken }, 'id', 'Twice', 128));
    expect(functions.count('nested')).toBe(before + 1);
  });

  test('a request re-sent while its first attempt is still invoking waits for that attempt and adopts its result', async () => {
    const d = driver();
    const request = d.request('CREATE', 'Racing', { resourceProperties: { FunctionName: 'gate' } });
    const first = d.send(request);
    await gated.started; // the first attempt has recorded itself and is inside the function

    const resent = await d.send(request);
    expect(resent.response.status).toBe('IN_PROGRESS');
    expect(resent.response.callbackDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(resent.response.resourceModel!.Id).toEqual(expect.any(String));

    gated.open();
    expect((await first).response.status).toBe('SUCCESS');
    const adopted = await d.run(request);
    expect(adopted.status).toBe('SUCCESS');
    expect(adopted.model!.Output).toEqual({ gated: 'true' });
    expect(functions.count('gate')).toBe(1);
  });

  test('update invokes again when the payload or RunToken changes, and not otherwise', async () => {
    const d = driver();
    const props = { FunctionName: 'nested', Payload: { a: 1 } };
    const before = functions.count('nested');
    const created = await d.create('Upd', props);
    const same = await d.update('Upd', created.model!, props, { ...props });
    expect(same.status).toBe('SUCCESS');
    expect(same.model).toEqual(created.model);
    const rerun = await d.update('Upd', same.model!, props, { ...props, RunToken: '2' });
    expect(rerun.status).toBe('SUCCESS');
    expect(rerun.model!.Id).toBe(created.model!.Id);
    expect(rerun.model!.RequestId).not.toBe(created.model!.RequestId);
    const changed = await d.update('Upd', rerun.model!, { ...props, RunToken: '2' }, { ...props, RunToken: '2', Payload: { a: 2 } });
    expect(changed.model!.Output).toMatchObject({ input: { a: '2' } });
    expect(functions.count('nested')).toBe(before + 3);
  });

  test('a failed update keeps the last good state, and the rollback to it invokes nothing', async () => {
    const d = driver();
    const good = { FunctionName: 'nested', Payload: { v: 1 } };
    const bad = { FunctionName: 'throws', Payload: { v: 1 } };
    const created = await d.create('Roll', good);
    const failed = await d.update('Roll', created.model!, good, bad);
    expect(failed.status).toBe('FAILED');
    expect(failed.message).toContain('TrainingDiverged');
    const nestedBefore = functions.count('nested');
    const rollback = await d.update('Roll', created.model!, bad, good);
    expect(rollback.status).toBe('SUCCESS');
    expect(rollback.model!.RequestId).toBe(created.model!.RequestId);
    expect(functions.count('nested')).toBe(nestedBefore);
    expect((await d.read('Roll', created.model!)).model).toEqual(rollback.model);
  });

  test('read returns the stored model; read, update and delete after delete give NotFound', async () => {
    const d = driver();
    await expectReadThenNotFoundAfterDelete(d, 'Life', { FunctionName: 'nested' });
  });

  test('list returns the records', async () => {
    const d = driver();
    const a = await d.create('ListA', { FunctionName: 'scalar' });
    const b = await d.create('ListB', { FunctionName: 'scalar' });
    const list = await d.list();
    expect(list.status).toBe('SUCCESS');
    expect(list.models!.map((m) => m.Id)).toEqual(expect.arrayContaining([a.model!.Id, b.model!.Id]));
  });

  describe('bad input', () => {
    test('a function that does not exist is NotFound naming FunctionName and the function', async () => {
      const result = await driver().create('Missing', { FunctionName: 'does-not-exist' });
      expect(result.violations).toEqual([]);
      expect(result.errorCode).toBe('NotFound');
      expect(result.message).toMatch(/^FunctionName: function 'does-not-exist' was not found/);
      expect(functions.count('does-not-exist')).toBe(0);
    });

    test('a payload string that is not JSON is InvalidRequest naming Payload, and invokes nothing', async () => {
      const before = functions.endpoint.invocations.length;
      const result = await driver().create('BadPayload', { FunctionName: 'nested', Payload: '{not json' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toMatch(/^Payload: /);
      expect(functions.endpoint.invocations.length).toBe(before);
    });

    test('a payload that is neither an object nor a string is InvalidRequest naming Payload', async () => {
      const result = await driver().create('NumberPayload', { FunctionName: 'nested', Payload: 5 });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Payload');
    });

    test('a malformed function name is InvalidRequest naming FunctionName', async () => {
      const result = await driver().create('BadName', { FunctionName: 'not a function!' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('FunctionName');
    });

    test('a missing FunctionName and an unknown property are InvalidRequest naming them', async () => {
      const result = await driver().create('NoName', { Function: 'nested' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('FunctionName: required property is missing');
      expect(result.message).toContain('Function: unknown property');
    });
  });
});

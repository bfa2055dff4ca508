import { DeleteStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { requestScopedName } from '../../runtime/identity';
import { CfnDriver } from '../../local/protocol';
import { expectReadThenNotFoundAfterDelete } from '../support/lifecycle-checks';
import { entrypoint } from '../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/stepfunctions-task/src/models';
import { choiceDefinition, failDefinition, passDefinition, sfn, stateMachine, waitDefinition } from '../../local/state-machines';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });

async function executionsOf(stateMachineArn: string) {
  const res = await sfn().send(new ListExecutionsCommand({ stateMachineArn }));
  return res.executions ?? [];
}

describe('Orch::StepFunctions::Task', () => {
  test('create succeeds and exposes the flattened output as attributes', async () => {
    const arn = await stateMachine(passDefinition({ model: { name: 'resnet', metrics: [{ acc: 0.91 }] }, ok: true }));
    const d = driver();
    const result = await d.create('Train', { StateMachineArn: arn, Input: { dataset: 's3://bucket/data' } });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({
      StateMachineArn: arn,
      Status: 'SUCCEEDED',
      Output: { model: { name: 'resnet', metrics: { 0: { acc: '0.91' } } }, ok: 'true', input: { dataset: 's3://bucket/data' } },
    });
    expect(result.model!.Id).toMatch(/^Train-[0-9a-f]{24}$/);
    expect(result.model!.ExecutionArn).toMatch(/^arn:aws:states:.*:execution:/);
    expect(result.model!.StartDate).toBeDefined();
    expect(result.model!.StopDate).toBeDefined();
  });

  test('an output deeper than the schema allows keeps its deepest subtree as one JSON string', async () => {
    const arn = await stateMachine(passDefinition({ a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }));
    const result = await driver().create('Deep', { StateMachineArn: arn, OutputPaths: ['a'] });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ a: { b: { c: { d: { e: { f: { g: { h: '{"i":1}' } } } } } } } });
  });

  test('OutputPaths keeps only the requested leaves and subtrees', async () => {
    const arn = await stateMachine(passDefinition({ model: { name: 'resnet', arn: 'arn:model' }, noise: 'x' }));
    const result = await driver().create('Filtered', { StateMachineArn: arn, OutputPaths: ['model.arn', 'input'] });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ model: { arn: 'arn:model' }, input: '{}' });
  });

  describe('Expose and Outputs', () => {
    const output = { model: { uri: 's3://models/resnet', layers: [64, 128], meta: { n: 1, t: true, none: null } }, metrics: [{ accuracy: 0.91 }] };

    test('each name comes back one level down as a string: strings as they are, anything else as JSON that parses back', async () => {
      const arn = await stateMachine(passDefinition(output));
      const result = await driver().create('Exposed', {
        StateMachineArn: arn,
        OutputPaths: ['metrics'],
        Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.0.accuracy', Model: 'model', FirstLayer: 'model.layers.0', Flag: 'model.meta.t', Nothing: 'model.meta.none' },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(result.model!.Outputs).toEqual({
        ModelUri: 's3://models/resnet',
        Accuracy: '0.91',
        Model: '{"uri":"s3://models/resnet","layers":[64,128],"meta":{"n":1,"t":true,"none":null}}',
        FirstLayer: '64',
        Flag: 'true',
        Nothing: 'null',
      });
      expect(JSON.parse((result.model!.Outputs as Record<string, string>).Model)).toEqual(output.model);
      // Expose selects from the whole output, whatever OutputPaths keeps in Output.
      expect(result.model!.Output).toEqual({ metrics: { 0: { accuracy: '0.91' } } });
      expect((await driver().read('Exposed', result.model!)).model!.Outputs).toEqual(result.model!.Outputs);
    });

    test('a path the output does not hold fails the create with InvalidRequest, says the execution ran, and leaves no record', async () => {
      const arn = await stateMachine(passDefinition(output));
      const d = driver();
      const request = d.request('CREATE', 'NoLoss', { resourceProperties: { StateMachineArn: arn, Expose: { ModelUri: 'model.uri', Loss: 'metrics.0.loss' } } });
      const result = await d.run(request);
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe('InvalidRequest');
      const [execution] = await executionsOf(arn);
      expect(execution.status).toBe('SUCCEEDED');
      expect(result.message).toBe(`Expose.Loss: no value at path 'metrics.0.loss' in the output of execution '${execution.executionArn}' (the execution ran and succeeded)`);
      const id = requestScopedName({ logicalResourceId: 'NoLoss', clientRequestToken: request.bearerToken }, 'id', 'NoLoss', 128);
      expect((await d.read('NoLoss', { Id: id })).errorCode).toBe('NotFound');
    });

    test('an update that changes only Expose runs the execution again, as OutputPaths does', async () => {
      const arn = await stateMachine(passDefinition(output));
      const d = driver();
      const props = { StateMachineArn: arn, Expose: { ModelUri: 'model.uri' } };
      const created = await d.create('ReExpose', props);
      const updated = await d.update('ReExpose', created.model!, props, { ...props, Expose: { Accuracy: 'metrics.0.accuracy' } });
      expect(updated.status).toBe('SUCCESS');
      expect(updated.model!.Outputs).toEqual({ Accuracy: '0.91' });
      expect(updated.model!.ExecutionArn).not.toBe(created.model!.ExecutionArn);
      expect(await executionsOf(arn)).toHaveLength(2);
    });

    test('a name that is not letters and digits is InvalidRequest naming Expose before anything runs', async () => {
      const arn = await stateMachine(passDefinition(output));
      const result = await driver().create('BadName', { StateMachineArn: arn, Expose: { 'model-uri': 'model.uri' } });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Expose');
      expect(await executionsOf(arn)).toHaveLength(0);
    });
  });

  test('a failed execution fails the resource with its error and cause, and leaves no record', async () => {
    const arn = await stateMachine(failDefinition('TrainingDiverged', 'loss became NaN at step 40'));
    const d = driver();
    const request = d.request('CREATE', 'Broken', { resourceProperties: { StateMachineArn: arn } });
    const result = await d.run(request);
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('GeneralServiceException');
    expect(result.message).toContain("ended FAILED: error 'TrainingDiverged', cause 'loss became NaN at step 40'");
    const id = requestScopedName({ logicalResourceId: 'Broken', clientRequestToken: request.bearerToken }, 'id', 'Broken', 128);
    expect((await d.read('Broken', { Id: id })).errorCode).toBe('NotFound');
    expect((await d.list()).models!.filter((m) => m.Id === id)).toEqual([]);
  });

  test('an execution that outlasts the poll window is followed over several callbacks', async () => {
    const arn = await stateMachine(waitDefinition(8, { trained: true }));
    const result = await driver().create('Slow', { StateMachineArn: arn });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ trained: 'true' });
    const inProgress = result.invocations.filter((i) => i.response.status === 'IN_PROGRESS');
    expect(inProgress.length).toBeGreaterThanOrEqual(2);
    expect(inProgress.every((i) => (i.response.callbackDelaySeconds ?? 0) >= 1)).toBe(true);
  });

  test('the same create request sent twice starts one execution', async () => {
    const arn = await stateMachine(waitDefinition(2));
    const d = driver();
    const request = d.request('CREATE', 'Twice', { resourceProperties: { StateMachineArn: arn, Input: { n: 1 } } });
    const first = await d.send(request); // the handler "dies" here: CloudFormation re-sends the same request
    const second = await d.run(request);
    expect(second.status).toBe('SUCCESS');
    expect(first.response.resourceModel!.Id).toBe(second.model!.Id);
    expect(await executionsOf(arn)).toHaveLength(1);
  });

  test('delete while running stops the execution and removes the record', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const d = driver();
    const first = await d.send(d.request('CREATE', 'LongRun', { resourceProperties: { StateMachineArn: arn } }));
    expect(first.response.status).toBe('IN_PROGRESS');
    const model = first.response.resourceModel!;
    const deleted = await d.delete('LongRun', model);
    expect(deleted.status).toBe('SUCCESS');
    const execution = await sfn().send(new DescribeExecutionCommand({ executionArn: model.ExecutionArn as string }));
    expect(execution.status).toBe('ABORTED');
    expect((await d.read('LongRun', model)).errorCode).toBe('NotFound');
  });

  test('StopOnDelete false leaves a running execution alone', async () => {
    const arn = await stateMachine(waitDefinition(300));
    const d = driver();
    const first = await d.send(d.request('CREATE', 'Keep', { resourceProperties: { StateMachineArn: arn, StopOnDelete: false } }));
    const model = first.response.resourceModel!;
    expect((await d.delete('Keep', model)).status).toBe('SUCCESS');
    const execution = await sfn().send(new DescribeExecutionCommand({ executionArn: model.ExecutionArn as string }));
    expect(execution.status).toBe('RUNNING');
  });

  test('read returns the stored model; read, update and delete after delete give NotFound', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    await expectReadThenNotFoundAfterDelete(d, 'Life', { StateMachineArn: arn, Input: { a: 1 } });
  });

  test('update runs a new execution when the input or RunToken changes, and not otherwise', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    const props = { StateMachineArn: arn, Input: { a: 1 } };
    const created = await d.create('Upd', props);
    const same = await d.update('Upd', created.model!, props, { ...props, StopOnDelete: false });
    expect(same.status).toBe('SUCCESS');
    expect(same.model!.ExecutionArn).toBe(created.model!.ExecutionArn);
    expect(same.model!.Id).toBe(created.model!.Id);
    const rerun = await d.update('Upd', same.model!, { ...props, StopOnDelete: false }, { ...props, RunToken: '2' });
    expect(rerun.status).toBe('SUCCESS');
    expect(rerun.model!.ExecutionArn).not.toBe(created.model!.ExecutionArn);
    expect(rerun.model!.Id).toBe(created.model!.Id);
    const changedInput = await d.update('Upd', rerun.model!, { ...props, RunToken: '2' }, { ...props, RunToken: '2', Input: { a: 2 } });
    expect(changedInput.model!.Output).toMatchObject({ input: { a: '2' } });
    expect(await executionsOf(arn)).toHaveLength(3);
  });

  test('a failed update keeps the last good state, and the rollback to it runs nothing', async () => {
    const arn = await stateMachine(choiceDefinition());
    const d = driver();
    const good = { StateMachineArn: arn, Input: { fail: false } };
    const bad = { StateMachineArn: arn, Input: { fail: true } };
    const created = await d.create('Roll', good);
    expect(created.status).toBe('SUCCESS');
    const failed = await d.update('Roll', created.model!, good, bad);
    expect(failed.status).toBe('FAILED');
    expect(failed.message).toContain("error 'Asked'");
    const rollback = await d.update('Roll', created.model!, bad, good);
    expect(rollback.status).toBe('SUCCESS');
    expect(rollback.model!.ExecutionArn).toBe(created.model!.ExecutionArn);
    expect(await executionsOf(arn)).toHaveLength(2);
  });

  test('read and delete keep working after Step Functions has forgotten the execution', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    const created = await d.create('Forgotten', { StateMachineArn: arn });
    await sfn().send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(sfn().send(new DescribeExecutionCommand({ executionArn: created.model!.ExecutionArn as string }))).rejects.toThrow();

    const read = await d.read('Forgotten', created.model!);
    expect(read.status).toBe('SUCCESS');
    expect(read.model).toEqual(created.model);
    expect((await d.delete('Forgotten', created.model!)).status).toBe('SUCCESS');
  });

  test('list returns the records', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    const a = await d.create('ListA', { StateMachineArn: arn });
    const b = await d.create('ListB', { StateMachineArn: arn });
    const list = await d.list();
    expect(list.status).toBe('SUCCESS');
    const ids = list.models!.map((m) => m.Id);
    expect(ids).toEqual(expect.arrayContaining([a.model!.Id, b.model!.Id]));
  });

  describe('bad input', () => {
    test('a malformed ARN is InvalidRequest naming StateMachineArn', async () => {
      const result = await driver().create('Bad', { StateMachineArn: 'not-an-arn' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('StateMachineArn');
    });

    test('a state machine that does not exist is NotFound naming it', async () => {
      const missing = 'arn:aws:states:us-east-1:123456789012:stateMachine:does-not-exist';
      const result = await driver().create('Missing', { StateMachineArn: missing });
      expect(result.errorCode).toBe('NotFound');
      expect(result.message).toContain('StateMachineArn');
      expect(result.message).toContain(missing);
    });

    test('an input string that is not JSON is InvalidRequest naming Input', async () => {
      const arn = await stateMachine(passDefinition({}));
      const result = await driver().create('BadInput', { StateMachineArn: arn, Input: '{not json' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toMatch(/^Input: /);
      expect(await executionsOf(arn)).toHaveLength(0);
    });

    test('an unknown property is InvalidRequest naming it', async () => {
      const arn = await stateMachine(passDefinition({}));
      const result = await driver().create('Unknown', { StateMachineArn: arn, StateMachine: arn });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('StateMachine: unknown property');
    });

    test('neither StateMachineArn nor FollowExecutionArn is InvalidRequest naming both', async () => {
      const result = await driver().create('NoArn', {});
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('StateMachineArn or FollowExecutionArn: one is required, none is given');
    });
  });
});

describe('Orch::StepFunctions::Task re-sent after its execution closed', () => {
  test('adopts the closed execution with the same name and input instead of failing', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    const request = d.request('CREATE', 'Closed', { resourceProperties: { StateMachineArn: arn, Input: { n: 1 } } });
    // The handler started this execution and died before writing its record; the execution then finished.
    const name = requestScopedName({ logicalResourceId: 'Closed', clientRequestToken: request.bearerToken }, 'run', 'Closed');
    const { executionArn } = await sfn().send(new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify({ n: 1 }) }));
    await waitUntilClosed(executionArn!);

    const result = await d.run(request);

    expect(result.status).toBe('SUCCESS');
    expect(result.model!.ExecutionArn).toBe(executionArn);
    expect(await executionsOf(arn)).toHaveLength(1);
  });

  test('an execution of that name with another input is a ResourceConflict', async () => {
    const arn = await stateMachine(passDefinition({ v: 1 }));
    const d = driver();
    const request = d.request('CREATE', 'Clash', { resourceProperties: { StateMachineArn: arn, Input: { n: 1 } } });
    const name = requestScopedName({ logicalResourceId: 'Clash', clientRequestToken: request.bearerToken }, 'run', 'Clash');
    const { executionArn } = await sfn().send(new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify({ n: 2 }) }));
    await waitUntilClosed(executionArn!);

    const result = await d.run(request);

    expect(result.errorCode).toBe('ResourceConflict');
    expect(result.message).toContain(executionArn!);
  });
});

async function waitUntilClosed(executionArn: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { status } = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${executionArn} still running`);
}

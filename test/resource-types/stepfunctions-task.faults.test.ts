import { DescribeExecutionCommand, SFNClient, SFNServiceException, StartExecutionCommand, StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { fakeParameterStore } from '../support/fake-parameter-store';
import { CfnDriver } from '../../local/protocol';
import { entrypoint } from '../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/stepfunctions-task/src/models';

/**
 * Faults moto cannot produce, injected with aws-sdk-client-mock under the real production entrypoint.
 * Each test mocks only what it needs; unmocked clients still reach the local moto.
 */

const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:faulty';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:faulty:the-one';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });

/** Shaped as SDK v3 deserialises a service error. */
const sfnError = (name: string, fault: 'client' | 'server', status: number, message: string) =>
  new SFNServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message });

describe('Orch::StepFunctions::Task under injected faults', () => {
  let sfn: AwsStub<any, any, any>;
  let ssm: AwsStub<any, any, any> | undefined;

  beforeEach(() => {
    sfn = mockClient(SFNClient);
  });

  afterEach(() => {
    sfn.restore();
    ssm?.restore();
    ssm = undefined;
  });

  test('StartExecution throttled (ThrottlingException) fails the create with Throttling', async () => {
    sfn.on(StartExecutionCommand).rejects(sfnError('ThrottlingException', 'client', 400, 'Rate exceeded'));

    const result = await driver().create('Throttled', { StateMachineArn: STATE_MACHINE });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('Throttling');
    expect(result.message).toContain('StateMachineArn');
    expect(result.message).toContain(STATE_MACHINE);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });

  test('a DescribeExecution 503 server fault is retried on the next callback', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    sfn
      .on(DescribeExecutionCommand)
      .rejectsOnce(sfnError('ServiceUnavailable', 'server', 503, 'Service Unavailable'))
      .resolves({ executionArn: EXECUTION, status: 'SUCCEEDED', output: '{"ok":true}', startDate: new Date(), stopDate: new Date() });

    const result = await driver().create('Blip', { StateMachineArn: STATE_MACHINE });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ ok: 'true' });
    expect(result.invocations.map((i) => i.response.status)).toEqual(['IN_PROGRESS', 'SUCCESS']);
  });

  test('DescribeExecution 503 on every poll fails the create with ServiceInternalError, stopping the execution and dropping the record', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    sfn.on(DescribeExecutionCommand).rejects(sfnError('ServiceUnavailable', 'server', 503, 'Service Unavailable'));

    const d = driver();
    const result = await d.create('Unavailable', { StateMachineArn: STATE_MACHINE });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('ServiceInternalError');
    expect(result.message).toContain(`execution '${EXECUTION}'`);
    // Five hops of patience, each at least 5 s apart, then the failure.
    const hops = result.invocations.filter((i) => i.response.status === 'IN_PROGRESS');
    expect(hops).toHaveLength(5);
    expect(hops.every((i) => i.response.callbackDelaySeconds! >= 5)).toBe(true);
    const id = hops[0].response.resourceModel!.Id as string;
    expect((await d.read('Unavailable', { Id: id })).errorCode).toBe('NotFound');
  });

  test('a crash between StartExecution and the task-record write is healed by the re-sent request, with one execution name', async () => {
    const started: StartExecutionCommandInput[] = [];
    sfn.on(StartExecutionCommand).callsFake((input: StartExecutionCommandInput) => {
      started.push(input);
      return { executionArn: EXECUTION, startDate: new Date('2030-01-01T00:00:00Z') };
    });
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'SUCCEEDED',
      output: '{"x":1}',
      startDate: new Date('2030-01-01T00:00:00Z'),
      stopDate: new Date('2030-01-01T00:00:05Z'),
    });
    ssm = mockClient(SSMClient);
    const store = fakeParameterStore(ssm);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    ssm.on(PutParameterCommand).rejectsOnce(reset).callsFake(store.put);

    const d = driver();
    const request = d.request('CREATE', 'Crashy', { resourceProperties: { StateMachineArn: STATE_MACHINE, Input: { n: 1 } } });
    const crashed = await d.send(request);
    expect(crashed.response.status).toBe('FAILED');
    expect(crashed.response.errorCode).toBe('NetworkFailure');
    expect(store.params.size).toBe(0);

    // CloudFormation re-sends the very same request (same bearer token) after the handler died.
    const healed = await d.run(request);

    expect(healed.violations).toEqual([]);
    expect(healed.status).toBe('SUCCESS');
    expect(healed.model).toMatchObject({ ExecutionArn: EXECUTION, Status: 'SUCCEEDED', Output: { x: '1' } });
    // Step Functions treats a StartExecution with the same name and input as the same execution.
    expect(started).toHaveLength(2);
    expect(started[1].name).toBe(started[0].name);
    expect(started[1].input).toBe(started[0].input);
    expect(started[0].name).toMatch(/^Crashy-[0-9a-f]{24}$/);
    expect([...store.params.keys()]).toEqual([`/Orch/Task/StepFunctions/Task/${healed.model!.Id}`]);
  });
});

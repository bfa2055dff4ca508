import { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from '../../local/local-aws';
import { execution as executionKind } from '../../resource-types/stepfunctions-task/src/execution';
import { DEFAULT_POLICY } from '../../runtime/backoff';
import { TaskLifecycle } from '../../runtime/lifecycle';
import { Clock } from '../../runtime/progress';
import { sfn, stateMachine, waitDefinition } from '../../local/state-machines';

/** Real time plus an offset that `jump` moves forward: CloudFormation's clock, hours at a time. */
function jumpingClock() {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))) };
  return { clock, jump: (seconds: number) => (offset += seconds * 1000) };
}

test('near the handler timeout the task stops the execution and fails with NotStabilized', async () => {
  const { clock, jump } = jumpingClock();
  const lifecycle = new TaskLifecycle(executionKind, {
    typeName: 'Orch::StepFunctions::Task',
    schema: { handlers: { create: { timeoutInMinutes: 2160 } } },
    policy: { ...DEFAULT_POLICY, windowSeconds: 1 },
    clock,
  });
  const session = SessionProxy.getSession({ ...LOCAL_AWS.credentials }, LOCAL_AWS.region)!;
  const request: any = {
    clientRequestToken: randomUUID(),
    logicalResourceIdentifier: 'Marathon',
    region: LOCAL_AWS.region,
    desiredResourceState: { StateMachineArn: await stateMachine(waitDefinition(3600)) },
  };

  const first = await lifecycle.create(session, request, {});
  expect(first.status).toBe('IN_PROGRESS');
  jump(35 * 3600); // 35 hours later: another hop could still fit
  const second = await lifecycle.create(session, { ...request, desiredResourceState: first.resourceModel }, first.callbackContext!);
  expect(second.status).toBe('IN_PROGRESS');
  jump(55 * 60); // 35 h 55 min: the next hop would end inside the 5-minute margin before 36 h

  const last = lifecycle.create(session, { ...request, desiredResourceState: second.resourceModel }, second.callbackContext!);
  await expect(last).rejects.toMatchObject({ errorCode: 'NotStabilized', message: expect.stringContaining('2160-minute limit') });
  await expect(last).rejects.toMatchObject({ message: expect.stringContaining('limit was near; it was stopped. Split it into shorter tasks.') });
  const execution = await sfn().send(new DescribeExecutionCommand({ executionArn: first.resourceModel!.ExecutionArn }));
  expect(execution.status).toBe('ABORTED');
});

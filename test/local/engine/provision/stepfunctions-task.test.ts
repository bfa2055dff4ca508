import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError } from '../../../../local/engine/deploy/provisioner';
import { createProvisioners, Provisioners } from '../../../../local/engine/provision';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import type { RecordedInvocation } from '../../../../local/protocol';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { nativeEnvironment } from '../../../support/native-environment';
import { createRequest, notes, ROLE, tempStateDir } from './support';

const TASK = 'Orch::StepFunctions::Task';
const sfn = nativeEnvironment().clients.sfn;
const stateDir = tempStateDir();
const invocations: Array<{ logicalId: string; invocation: RecordedInvocation }> = [];
let prov: Provisioners;

/** A state machine on the local AWS, through the native provisioner the engine itself uses. */
async function machine(definition: object): Promise<string> {
  const created = await prov.provisioners('AWS::StepFunctions::StateMachine')!.create(createRequest('Machine', 'AWS::StepFunctions::StateMachine', { RoleArn: ROLE, Definition: definition }), () => undefined);
  return created.physicalId;
}

const TRAIN = { StartAt: 'Train', States: { Train: { Type: 'Pass', Parameters: { 'run.$': '$.run', metrics: { accuracy: '0.91' }, model: { uri: 's3://models/m1' } }, End: true } } };

beforeAll(async () => {
  prov = await createProvisioners({
    stateDir,
    catalog: TypeCatalog.load(),
    region: LOCAL_AWS.region,
    accountId: LOCAL_AWS.accountId,
    onInvocation: (logicalId, invocation) => invocations.push({ logicalId, invocation }),
  });
});
afterAll(async () => {
  await prov.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('Orch::StepFunctions::Task through its bundle and the request protocol', () => {
  test('create runs one execution; the physical id is the primary identifier, the attributes the read-only properties; update reruns; delete; a second delete succeeds', async () => {
    const arn = await machine(TRAIN);
    const provisioner = prov.provisioners(TASK)!;
    const progress = notes();
    const request = createRequest('Train', TASK, { StateMachineArn: arn, Input: { run: 1 }, Expose: { Accuracy: 'metrics.accuracy' } });
    const created = await provisioner.create(request, progress.note);

    expect(created.physicalId).toBe(created.attributes.Id);
    expect(Object.keys(created.attributes).sort()).toEqual(['ExecutionArn', 'HandedOver', 'Id', 'Output', 'Outputs', 'StartDate', 'Status', 'StopDate']);
    expect(created.attributes).toMatchObject({ Status: 'SUCCEEDED', HandedOver: false, Outputs: { Accuracy: '0.91' }, Output: { metrics: { accuracy: '0.91' }, model: { uri: 's3://models/m1' }, run: '1' } });
    expect(created.model).toMatchObject({ ...request.properties, Id: created.physicalId, ExecutionArn: created.attributes.ExecutionArn });
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: String(created.attributes.ExecutionArn) }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input!)).toEqual({ run: 1 });
    expect(invocations.filter((i) => i.logicalId === 'Train').map((i) => i.invocation.action)).toEqual(['CREATE']);

    // The bundle as it ships, built once into the state directory; its log went to a file there, not to the console.
    expect(readdirSync(join(stateDir, 'bundles')).filter((f) => !f.startsWith('.'))).toEqual([expect.stringMatching(/^stepfunctions-task-[0-9a-f]{16}$/)]);
    expect(readFileSync(join(stateDir, 'logs', 'stepfunctions-task.log'), 'utf8')).toContain('[CREATE] invoking handler...');

    const updated = await provisioner.update(
      { ...request, properties: { ...request.properties, Input: { run: 2 } }, previous: created, previousProperties: request.properties },
      progress.note,
    );
    expect(updated.physicalId).toBe(created.physicalId);
    expect(updated.attributes.ExecutionArn).not.toBe(created.attributes.ExecutionArn);
    expect(updated.attributes.Output).toMatchObject({ run: '2' });
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions.executions!.map((e) => e.executionArn).sort()).toEqual([created.attributes.ExecutionArn, updated.attributes.ExecutionArn].sort());

    const deleteRequest = { ...request, properties: updated.model!, deployed: updated };
    await provisioner.delete(deleteRequest, progress.note);
    // The handler answers NotFound now, which CloudFormation takes as deleted.
    await provisioner.delete(deleteRequest, progress.note);
    expect(invocations.filter((i) => i.logicalId === 'Train').map((i) => [i.invocation.action, i.invocation.response.status, i.invocation.response.errorCode])).toEqual([
      ['CREATE', 'SUCCESS', undefined],
      ['UPDATE', 'SUCCESS', undefined],
      ['DELETE', 'SUCCESS', undefined],
      ['DELETE', 'FAILED', 'NotFound'],
    ]);
    expect(progress.list).toEqual([]);
  });

  test('an execution that outlives one invocation is followed through IN_PROGRESS events, each a progress note', async () => {
    // The jest setup sets a 3-second poll window: a 4-second Wait hands back to the follow loop at least once.
    const arn = await machine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 4, Next: 'Done' }, Done: { Type: 'Pass', Result: { ok: 'yes' }, End: true } } });
    const progress = notes();
    const created = await prov.provisioners(TASK)!.create(createRequest('Slow', TASK, { StateMachineArn: arn }), progress.note);
    expect(created.attributes).toMatchObject({ Status: 'SUCCEEDED', Output: { ok: 'yes' } });
    const statuses = invocations.filter((i) => i.logicalId === 'Slow').map((i) => i.invocation.response.status);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.at(-1)).toBe('SUCCESS');
    expect(progress.list).toHaveLength(statuses.length - 1);
    for (const note of progress.list) expect(note).toMatch(/^in progress, next check in \d+s$/);
    // Each carries the identifier, for the executor to journal: a rollback after a crash can delete the half-made task.
    for (const started of progress.started) expect(started).toEqual({ physicalId: created.physicalId, model: expect.objectContaining({ Id: created.physicalId, StateMachineArn: arn }) });
  });

  test('a failing execution is a ProvisionError naming the resource, with the handler errorCode and message; nothing is left running', async () => {
    const arn = await machine({ StartAt: 'Diverge', States: { Diverge: { Type: 'Fail', Error: 'ModelDiverged', Cause: 'loss became NaN at epoch 3' } } });
    const failure = await prov.provisioners(TASK)!.create(createRequest('Train', TASK, { StateMachineArn: arn }), () => undefined).catch((err) => err);
    expect(failure).toBeInstanceOf(ProvisionError);
    expect(failure.logicalId).toBe('Train');
    expect(failure.errorCode).toBe('GeneralServiceException');
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions.executions!.map((e) => e.status)).toEqual(['FAILED']);
    expect(failure.message).toBe(
      `Train: Resource handler returned message: "Execution '${executions.executions![0].executionArn}' ended FAILED: error 'ModelDiverged', cause 'loss became NaN at epoch 3'" (HandlerErrorCode: GeneralServiceException)`,
    );
  });

  test('a typo in a property is refused by the handler with InvalidRequest naming the property, before any execution', async () => {
    const arn = await machine(TRAIN);
    const failure = await prov.provisioners(TASK)!.create(createRequest('Train', TASK, { StateMachineArn: arn, Inputt: {} }), () => undefined).catch((err) => err);
    expect(failure).toBeInstanceOf(ProvisionError);
    expect(failure.errorCode).toBe('InvalidRequest');
    expect(failure.reason).toBe('Resource handler returned message: "Invalid properties: Inputt: unknown property" (HandlerErrorCode: InvalidRequest)');
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toEqual([]);
  });

  test('50 creates at once through the one in-process bundle overlap, and each gets its own execution, input and output', async () => {
    const arn = await machine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Echo' }, Echo: { Type: 'Pass', End: true } } });
    const provisioner = prov.provisioners(TASK)!;
    const spans = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const startedAt = Date.now();
        const created = await provisioner.create(createRequest(`Task${i}`, TASK, { StateMachineArn: arn, Input: { index: i } }), () => undefined);
        return { i, created, startedAt, endedAt: Date.now() };
      }),
    );
    // All in flight together: the last one started before the first one ended.
    expect(Math.max(...spans.map((s) => s.startedAt))).toBeLessThan(Math.min(...spans.map((s) => s.endedAt)));
    for (const { i, created } of spans) expect(created.attributes).toMatchObject({ Status: 'SUCCEEDED', Output: { index: String(i) } });
    expect(new Set(spans.map((s) => s.created.attributes.ExecutionArn)).size).toBe(50);
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions.executions!.map((e) => e.status)).toEqual(Array(50).fill('SUCCEEDED'));
  });
});

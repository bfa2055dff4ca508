import { CfnDriver } from '../../local/protocol';
import schema from '../../resource-types/stepfunctions-task/orch-stepfunctions-task.json';
import { entrypoint } from '../../resource-types/stepfunctions-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/stepfunctions-task/src/models';
import { expectExactPermissions, recordPermissions } from '../support/permission-recorder';
import { failDefinition, passDefinition, stateMachine, waitDefinition } from '../../local/state-machines';

/** Declared but only reached on paths this test does not drive, with the reason. */
const UNEXERCISED: Record<string, string[]> = {
  create: ['states:StopExecution', 'ssm:GetParameters'], // stopping the execution when the 36-hour handler limit nears; records over 4 KB
  update: ['ssm:GetParameters'], // records over 4 KB
  read: ['ssm:GetParameters'], // records over 4 KB are split over several parameters
  list: ['ssm:GetParameters'],
  delete: ['ssm:GetParameters'],
};

test('each handler calls exactly the permissions its schema declares', async () => {
  const recorder = recordPermissions();
  try {
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
    const ok = await stateMachine(passDefinition({ v: 1 }));
    const failing = await stateMachine(failDefinition('E', 'C'));
    const slow = await stateMachine(waitDefinition(300));

    const created = await recorder.during('create', () => d.create('Perm', { StateMachineArn: ok }));
    await recorder.during('create', () => d.create('PermFail', { StateMachineArn: failing }));
    await recorder.during('read', () => d.read('Perm', created.model!));
    await recorder.during('list', () => d.list());
    await recorder.during('update', () => d.update('Perm', created.model!, { StateMachineArn: ok }, { StateMachineArn: ok, RunToken: '2' }));
    // Following the execution a hand-over left running; the update that runs again stops it.
    const handedOver = await recorder.during('create', () => d.create('PermHand', { StateMachineArn: slow, HandOverAfterSeconds: 1 }));
    await recorder.during('create', () => d.create('PermFollow', { FollowExecutionArn: handedOver.model!.ExecutionArn, HandOverAfterSeconds: 1 }));
    const again = { StateMachineArn: slow, HandOverAfterSeconds: 1, RunToken: '2' };
    const rerun = await recorder.during('update', () => d.update('PermHand', handedOver.model!, { StateMachineArn: slow, HandOverAfterSeconds: 1 }, again));
    await recorder.during('delete', () => d.delete('PermHand', rerun.model!));
    const running = await d.send(d.request('CREATE', 'PermSlow', { resourceProperties: { StateMachineArn: slow } }));
    await recorder.during('delete', () => d.delete('PermSlow', running.response.resourceModel!));
    await recorder.during('delete', () => d.delete('Perm', created.model!));

    expectExactPermissions(recorder.calls, schema, UNEXERCISED);
  } finally {
    recorder.restore();
  }
});

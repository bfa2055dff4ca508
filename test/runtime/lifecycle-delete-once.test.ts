import { LOCAL_AWS } from '../../local/local-aws';
import { invalidRequest, Outcome, runAtMostOnce, TaskLifecycle } from '../../runtime';
import { Clients } from '../../runtime/clients';
import { recordStore } from '../../runtime/records';
import { ATTEMPT_LIFETIME_SECONDS } from '../../runtime/run-at-most-once';
import { Props } from '../../runtime/work-context';
import { gatedCall, jumpingClock, lifecycleRequest, localSession } from '../support/gated-call';

/** A kind whose create succeeds at once and whose delete call the test controls: it waits for `finish`, or throws `refuse`. */
function deleteShot() {
  const calls: { name: string; props: Props }[] = [];
  const gated = gatedCall();
  const kind = runAtMostOnce<Props>({
    rerunOn: ['Input'],
    run: async (ctx) => (ctx.props.FailCreate ? { ok: false, message: 'create failed', attributes: {} } : { ok: true, attributes: { Output: { value: 'made' } } }),
    async runOnDelete(ctx, name) {
      calls.push({ name, props: ctx.props });
      return gated.enter();
    },
  });
  return {
    kind,
    calls,
    started: gated.started,
    finish: (outcome: Outcome = { ok: true, attributes: {} }) => gated.finish(outcome),
    refuseWith: gated.refuseWith,
    reset: gated.reset,
  };
}

const session = localSession;
const request = lifecycleRequest;

async function created(logicalId: string, props: Record<string, unknown> = { Input: 1 }) {
  const shot = deleteShot();
  const { clock, jump } = jumpingClock();
  const lifecycle = new TaskLifecycle(shot.kind, { typeName: 'Orch::Test::DeleteOnce', schema: {}, clock });
  const event = await lifecycle.create(session, request(logicalId, props), {});
  return { shot, lifecycle, jump, event, model: event.resourceModel as Props };
}

describe("TaskLifecycle with a kind's delete call", () => {
  test('a delete re-sent while its call runs waits, carrying the identifier; the call is made once, with the recorded model', async () => {
    const { shot, lifecycle, model } = await created('Racing');
    const del = request('Racing', { Id: model.Id, Input: 'what the delete request says' });
    const first = lifecycle.delete(session, del);
    await shot.started();

    const waiting = await lifecycle.delete(session, del);
    expect(waiting.status).toBe('IN_PROGRESS');
    expect(waiting.callbackDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(waiting.resourceModel?.Id).toBe(model.Id);

    shot.finish();
    expect((await first).status).toBe('SUCCESS');
    await expect(lifecycle.delete(session, del)).rejects.toMatchObject({ errorCode: 'NotFound' });
    expect(shot.calls).toHaveLength(1);
    expect(shot.calls[0].props).toMatchObject({ Id: model.Id, Input: 1, Output: { value: 'made' } });
  });

  test('a claim older than an attempt can live is an unknown outcome: NotStabilized, kept, and never called again', async () => {
    const { shot, lifecycle, jump, model } = await created('Interrupted');
    const del = request('Interrupted', { Id: model.Id });
    void lifecycle.delete(session, del); // its handler "dies" with the call under way: its answer is never awaited
    await shot.started();
    jump(ATTEMPT_LIFETIME_SECONDS + 1);
    for (let resend = 0; resend < 2; resend++) {
      await expect(lifecycle.delete(session, del)).rejects.toMatchObject({ errorCode: 'NotStabilized', message: expect.stringContaining('whether it ran is unknown') });
    }
    expect(shot.calls).toHaveLength(1);
    shot.finish();
  });

  test('a failed call fails the delete; its re-send reports the failure without calling; a new delete request calls again', async () => {
    const { shot, lifecycle, model } = await created('Failing');
    const del = request('Failing', { Id: model.Id });
    shot.finish({ ok: false, message: 'the service said no', attributes: {} });
    await expect(lifecycle.delete(session, del)).rejects.toMatchObject({ errorCode: 'GeneralServiceException', message: 'the service said no' });
    await expect(lifecycle.delete(session, del)).rejects.toMatchObject({ message: 'the service said no' });
    expect(shot.calls).toHaveLength(1);

    shot.reset();
    shot.finish();
    expect((await lifecycle.delete(session, request('Failing', { Id: model.Id }))).status).toBe('SUCCESS');
    expect(shot.calls).toHaveLength(2);
  });

  test('a call that certainly did not happen (it threw) leaves no claim: the re-sent delete calls', async () => {
    const { shot, lifecycle, model } = await created('Refused');
    const del = request('Refused', { Id: model.Id });
    shot.refuseWith(invalidRequest('refused before calling'));
    await expect(lifecycle.delete(session, del)).rejects.toMatchObject({ errorCode: 'InvalidRequest' });
    shot.refuseWith(undefined);
    shot.finish();
    expect((await lifecycle.delete(session, del)).status).toBe('SUCCESS');
    expect(shot.calls).toHaveLength(2);
  });

  test('the delete of a create that failed calls nothing: there is nothing it made', async () => {
    const shot = deleteShot();
    const lifecycle = new TaskLifecycle(shot.kind, { typeName: 'Orch::Test::DeleteOnce', schema: {} });
    const create = request('NeverMade', { FailCreate: true });
    await expect(lifecycle.create(session, create, {})).rejects.toMatchObject({ message: 'create failed' });
    // The failed create keeps its record only to answer re-sends; the rollback's delete comes for it.
    const { records } = await recordStore({ clients: Clients.fromSession(session, LOCAL_AWS.region), props: {} }, 'Orch::Test::DeleteOnce').list();
    const record = records.find((r) => r.model.FailCreate === true && r.id.startsWith('NeverMade-'));
    expect(record).toBeDefined();
    expect((await lifecycle.delete(session, request('NeverMade', { Id: record!.id }))).status).toBe('SUCCESS');
    expect(shot.calls).toHaveLength(0);
  });
});

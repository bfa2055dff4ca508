import { invalidRequest, runAtMostOnce, TaskLifecycle } from '../../runtime';
import { Props } from '../../runtime/work-context';
import { gatedCall, jumpingClock, lifecycleRequest, localSession } from '../support/gated-call';

/** A run-at-most-once kind whose call the test controls: each call waits for `release`, or throws `refuse`. */
function oneShot() {
  const starts: string[] = [];
  const gated = gatedCall();
  const adapter = runAtMostOnce<Props>({
    rerunOn: ['Input', 'RunToken'],
    rerunAdvice: 'Change RunToken to run it again.',
    async run(_ctx, name) {
      starts.push(name);
      return gated.enter();
    },
  });
  return {
    adapter,
    starts,
    started: gated.started,
    release: (value: string) => gated.finish({ ok: true, attributes: { Output: { value } } }),
    refuseWith: gated.refuseWith,
    reset: gated.reset,
  };
}

const session = localSession;
const request = lifecycleRequest;

function setUp() {
  const shot = oneShot();
  const { clock, jump } = jumpingClock();
  const lifecycle = new TaskLifecycle(shot.adapter, { typeName: 'Orch::Test::Once', schema: {}, clock });
  return { shot, lifecycle, jump };
}

describe('TaskLifecycle with an adapter that starts once', () => {
  test('a create re-sent while the first attempt runs waits, then adopts its outcome; start runs once', async () => {
    const { shot, lifecycle } = setUp();
    const create = request('Racing', { Input: 1 });
    const first = lifecycle.create(session, create, {});
    await shot.started();

    const waiting = await lifecycle.create(session, create, {});
    expect(waiting.status).toBe('IN_PROGRESS');
    expect(waiting.callbackDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(waiting.resourceModel?.Id).toEqual(expect.any(String));

    shot.release('done');
    expect((await first).status).toBe('SUCCESS');
    const adopted = await lifecycle.create(session, create, {});
    expect(adopted.status).toBe('SUCCESS');
    expect(adopted.resourceModel).toMatchObject({ Input: 1, Output: { value: 'done' } });
    expect(shot.starts).toHaveLength(1);
  });

  test('once the attempt must have died, a re-sent create fails with NotStabilized, starts nothing and leaves no record', async () => {
    const { shot, lifecycle, jump } = setUp();
    const create = request('Died', { Input: 1 });
    const first = lifecycle.create(session, create, {});
    await shot.started();
    const id = (await lifecycle.create(session, create, {})).resourceModel!.Id;

    jump(71); // beyond one handler invocation (60 s) and the clock margin
    await expect(lifecycle.create(session, create, {})).rejects.toMatchObject({
      errorCode: 'NotStabilized',
      message: expect.stringContaining('whether it ran is unknown; it is not started again'),
    });
    await expect(lifecycle.read(session, request('Died', { Id: id }))).rejects.toMatchObject({ errorCode: 'NotFound' });
    expect(shot.starts).toHaveLength(1);
    shot.release('too late'); // the dead attempt's promise, settled so nothing is left pending
    await first.catch(() => undefined);
  });

  test('a re-send after the attempt died waits its lifetime out in one hop: two invocations, however early it comes', async () => {
    const { shot, lifecycle, jump } = setUp();
    const create = request('DiedEarly', { Input: 1 });
    const first = lifecycle.create(session, create, {});
    await shot.started();

    // CloudFormation: each IN_PROGRESS is followed, callbackDelaySeconds later, by the same request again.
    const statuses: string[] = [];
    for (;;) {
      const event = await lifecycle.create(session, create, {}).catch((err) => ({ status: 'FAILED', errorCode: err.errorCode, callbackDelaySeconds: 0 }));
      statuses.push(event.status);
      if (event.status !== 'IN_PROGRESS') {
        expect(event).toMatchObject({ errorCode: 'NotStabilized' });
        break;
      }
      expect(event.callbackDelaySeconds).toBeGreaterThanOrEqual(69);
      jump(event.callbackDelaySeconds! + 1);
    }
    expect(statuses).toEqual(['IN_PROGRESS', 'FAILED']);
    expect(shot.starts).toHaveLength(1);
    shot.release('too late');
    await first.catch(() => undefined);
  });

  test('start throwing (the work did not start) removes the claim, so the retried request starts', async () => {
    const { shot, lifecycle } = setUp();
    const create = request('Refused', { Input: 1 });
    shot.refuseWith(invalidRequest('Input: refused'));
    await expect(lifecycle.create(session, create, {})).rejects.toMatchObject({ errorCode: 'InvalidRequest' });

    shot.refuseWith(undefined);
    const retried = lifecycle.create(session, create, {});
    await shot.started();
    shot.release('second time');
    expect((await retried).status).toBe('SUCCESS');
    expect(shot.starts).toHaveLength(2);
  });

  test('an update re-sent after its attempt died restores the previous model, and the rollback starts nothing', async () => {
    const { shot, lifecycle, jump } = setUp();
    const created = lifecycle.create(session, request('Upd', { Input: 1 }), {});
    await shot.started();
    shot.release('one');
    const model = (await created).resourceModel!;
    shot.reset();

    const update = { ...request('Upd', { ...model, Input: 2 }), previousResourceState: model };
    const attempt = lifecycle.update(session, update, {});
    await shot.started();
    const during = await lifecycle.read(session, request('Upd', { Id: model.Id }));
    expect(during.resourceModel).toEqual(model); // the resource keeps its attributes until the update ends
    const waiting = await lifecycle.update(session, update, {});
    expect(waiting.status).toBe('IN_PROGRESS');
    // CloudFormation sends this model back as the desired state: it must hold the update's properties, not the old ones.
    expect(waiting.resourceModel).toEqual({ ...model, Input: 2 });
    expect((await lifecycle.update(session, { ...update, desiredResourceState: waiting.resourceModel }, {})).status).toBe('IN_PROGRESS');

    jump(71);
    await expect(lifecycle.update(session, update, {})).rejects.toMatchObject({ errorCode: 'NotStabilized' });
    expect((await lifecycle.read(session, request('Upd', { Id: model.Id }))).resourceModel).toEqual(model);
    const rollback = await lifecycle.update(session, { ...request('Upd', model), previousResourceState: { ...model, Input: 2 } }, {});
    expect(rollback.status).toBe('SUCCESS');
    expect(rollback.resourceModel).toEqual(model);
    expect(shot.starts).toHaveLength(2);
    shot.release('too late');
    await attempt.catch(() => undefined);
  });
});

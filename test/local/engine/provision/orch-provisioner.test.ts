import { ProvisionError } from '../../../../local/engine/deploy/provisioner';
import { orchProvisioner, OrchTypeSettings } from '../../../../local/engine/provision/orch-provisioner';
import type { HandlerRequest, Invoker, ProgressEventJson } from '../../../../local/protocol';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { createRequest, notes } from './support';

/**
 * The provisioner's side of the protocol against scripted handlers: what it sends and how it reads what comes back.
 * The real types' behaviour is tested on moto in stepfunctions-task.test.ts and provisioners.test.ts.
 */
function scripted(answer: (request: HandlerRequest, call: number) => ProgressEventJson): { settings: OrchTypeSettings; requests: HandlerRequest[] } {
  const requests: HandlerRequest[] = [];
  const invoker: Invoker = async (request) => {
    requests.push(request);
    return answer(request, requests.length);
  };
  const settings: OrchTypeSettings = {
    typeName: 'Orch::Test::Thing',
    primaryIdentifier: ['Region', 'Name'],
    readOnlyProperties: ['Region', 'Name', 'Arn'],
    invoker: async () => invoker,
    typeConfiguration: { Allowed: ['a'] },
    region: 'eu-west-1',
    accountId: '210987654321',
  };
  return { settings, requests };
}

const MODEL = { Region: 'eu-west-1', Name: 'n1', Arn: 'arn:thing/n1', Size: 3 };

test('a compound identifier is the physical id joined with |; attributes are the read-only properties; requests carry the account, region and type configuration', async () => {
  const { settings, requests } = scripted(() => ({ status: 'SUCCESS', resourceModel: MODEL }));
  const created = await orchProvisioner(settings).create(createRequest('Thing', 'Orch::Test::Thing', { Size: 3 }), () => undefined);
  expect(created).toEqual({ physicalId: 'eu-west-1|n1', attributes: { Region: 'eu-west-1', Name: 'n1', Arn: 'arn:thing/n1' }, model: MODEL });
  expect(requests[0]).toMatchObject({ action: 'CREATE', awsAccountId: '210987654321', region: 'eu-west-1', requestData: { typeConfiguration: { Allowed: ['a'] }, resourceProperties: { Size: 3 } } });
});

test('only the schema time limit bounds an operation: 600 IN_PROGRESS events in a row are followed to the end', async () => {
  const { settings, requests } = scripted((_, call) => (call <= 600 ? { status: 'IN_PROGRESS', resourceModel: MODEL, callbackDelaySeconds: 0 } : { status: 'SUCCESS', resourceModel: MODEL }));
  const progress = notes();
  await orchProvisioner(settings).create(createRequest('Thing', 'Orch::Test::Thing', { Size: 3 }), progress.note);
  expect(requests).toHaveLength(601);
  expect(progress.list).toHaveLength(600);
  expect(progress.started[0]).toEqual({ physicalId: 'eu-west-1|n1', model: MODEL });
});

test('update sends the deployed model\'s identifier with the new and previous properties; delete sends the model, and NotFound counts as deleted', async () => {
  const { settings, requests } = scripted((request) =>
    request.action === 'DELETE' ? { status: 'FAILED', errorCode: 'NotFound', message: 'gone' } : { status: 'SUCCESS', resourceModel: { ...MODEL, Size: 4 } },
  );
  const provisioner = orchProvisioner(settings);
  const previous = { physicalId: 'eu-west-1|n1', attributes: {}, model: MODEL };
  const request = createRequest('Thing', 'Orch::Test::Thing', { Size: 4 });
  await provisioner.update({ ...request, previous, previousProperties: { Size: 3 } }, () => undefined);
  expect(requests[0].requestData).toMatchObject({ resourceProperties: { Size: 4, Region: 'eu-west-1', Name: 'n1' }, previousResourceProperties: { Size: 3, Region: 'eu-west-1', Name: 'n1' } });
  await provisioner.delete({ ...request, deployed: previous }, () => undefined);
  expect(requests[1]).toMatchObject({ action: 'DELETE', requestData: { resourceProperties: MODEL } });
});

test('a handler that breaks the contract is named in a progress note; one whose invocation throws is a ProvisionError, not a stack trace', async () => {
  const broken = scripted((_, call) => (call === 1 ? { status: 'IN_PROGRESS', resourceModel: { Size: 3 }, callbackDelaySeconds: 0 } : { status: 'SUCCESS', resourceModel: MODEL }));
  const progress = notes();
  await orchProvisioner(broken.settings).create(createRequest('Thing', 'Orch::Test::Thing', {}), progress.note);
  expect(progress.list).toEqual(['in progress, next check in 0s', 'handler contract broken: invocation 1: IN_PROGRESS model lacks the primary identifier Region, Name']);
  expect(progress.started).toEqual([undefined, undefined]);

  const throwing: OrchTypeSettings = { ...broken.settings, invoker: async () => async () => Promise.reject(new Error('function raised Runtime.ImportModuleError')) };
  const failure = await orchProvisioner(throwing).create(createRequest('Thing', 'Orch::Test::Thing', {}), () => undefined).catch((err) => err);
  expect(failure).toBeInstanceOf(ProvisionError);
  expect(failure.message).toBe('Thing: the handler of Orch::Test::Thing gave no progress event: function raised Runtime.ImportModuleError');
  expect(failure.errorCode).toBe('InternalFailure');
});

test('without credentials in the environment a request carries the local ones', async () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID };
  delete process.env.AWS_ACCESS_KEY_ID;
  try {
    const { settings, requests } = scripted(() => ({ status: 'SUCCESS', resourceModel: MODEL }));
    await orchProvisioner(settings).create(createRequest('Thing', 'Orch::Test::Thing', {}), () => undefined);
    expect(requests[0].requestData.callerCredentials).toEqual(LOCAL_AWS.credentials);
  } finally {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
  }
});

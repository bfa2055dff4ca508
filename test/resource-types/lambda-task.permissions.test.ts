import { CfnDriver } from '../../local/protocol';
import schema from '../../resource-types/lambda-task/orch-lambda-task.json';
import { entrypoint } from '../../resource-types/lambda-task/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/lambda-task/src/models';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';
import { expectExactPermissions, recordPermissions } from '../support/permission-recorder';

/** Declared but only reached on paths this test does not drive, with the reason. */
const UNEXERCISED: Record<string, string[]> = {
  create: ['ssm:GetParameters'], // records over 4 KB are split over several parameters
  update: ['ssm:GetParameters'],
  read: ['ssm:GetParameters'],
  list: ['ssm:GetParameters'],
  delete: ['ssm:GetParameters'],
};

let functions: ServedFunctions;

beforeAll(async () => {
  functions = await serveTestFunctions();
});

afterAll(async () => {
  await functions.stop();
});

test('each handler calls exactly the permissions its schema declares', async () => {
  const recorder = recordPermissions();
  try {
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
    const created = await recorder.during('create', () => d.create('Perm', { FunctionName: 'nested' }));
    await recorder.during('create', () => d.create('PermFail', { FunctionName: 'throws' }));
    // A function that does not exist: the claim is removed (a failed invocation keeps its record for re-sends).
    await recorder.during('create', () => d.create('PermMissing', { FunctionName: 'does-not-exist' }));
    await recorder.during('read', () => d.read('Perm', created.model!));
    await recorder.during('list', () => d.list());
    await recorder.during('update', () => d.update('Perm', created.model!, { FunctionName: 'nested' }, { FunctionName: 'nested', RunToken: '2' }));
    await recorder.during('delete', () => d.delete('Perm', created.model!));

    expectExactPermissions(recorder.calls, schema, UNEXERCISED);
  } finally {
    recorder.restore();
  }
});

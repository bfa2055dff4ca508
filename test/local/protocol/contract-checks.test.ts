import { contractViolations, ProgressEventJson } from '../../../local/protocol';

const check = (action: Parameters<typeof contractViolations>[0], event: ProgressEventJson) => contractViolations(action, event, ['Id']);

describe('contract checks on a progress event', () => {
  test('a well-formed event of each status passes', () => {
    expect(check('CREATE', { status: 'IN_PROGRESS', callbackDelaySeconds: 5, resourceModel: { Id: 'a' } })).toEqual([]);
    expect(check('CREATE', { status: 'SUCCESS', callbackDelaySeconds: 0, resourceModel: { Id: 'a', Tags: [] } })).toEqual([]);
    expect(check('READ', { status: 'FAILED', errorCode: 'NotFound', message: 'Train not found' })).toEqual([]);
  });

  test('IN_PROGRESS breaches, each named', () => {
    expect(check('READ', { status: 'IN_PROGRESS', errorCode: 'Throttling', resourceModels: [], resourceModel: {} })).toEqual([
      'READ returned IN_PROGRESS',
      'IN_PROGRESS carries an errorCode',
      'IN_PROGRESS carries resourceModels',
      'IN_PROGRESS model lacks the primary identifier Id',
    ]);
  });

  test('SUCCESS with a delay, FAILED without a code or with a stack trace, a null anywhere in the model', () => {
    expect(check('CREATE', { status: 'SUCCESS', callbackDelaySeconds: 3, resourceModel: { Id: 'a', Deep: { x: [1, null] } } })).toEqual([
      'SUCCESS carries callbackDelaySeconds',
      'resourceModel holds null',
    ]);
    expect(check('CREATE', { status: 'FAILED', message: 'Error: boom\n    at handler (src/handlers.ts:1:1)' })).toEqual([
      'FAILED carries no errorCode',
      'FAILED message holds a stack trace',
    ]);
  });

  test('a string "null" is no null', () => {
    expect(check('CREATE', { status: 'SUCCESS', resourceModel: { Id: 'null' } })).toEqual([]);
  });
});

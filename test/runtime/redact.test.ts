import { redact } from '../../runtime/redact';

describe('redact', () => {
  test.each<[string, unknown, unknown]>([
    ['a top-level secret', { password: 'p', user: 'u' }, { password: '<redacted>', user: 'u' }],
    ['keys matched in any case and as part of a name', { ClientSecret: 's', sessionToken: 't', AUTHORIZATION: 'a' }, { ClientSecret: '<redacted>', sessionToken: '<redacted>', AUTHORIZATION: '<redacted>' }],
    ['a secret deep in objects', { a: { b: { c: { apiToken: 'x', keep: 1 } } } }, { a: { b: { c: { apiToken: '<redacted>', keep: 1 } } } }],
    ['a secret inside arrays', { list: [{ credentials: { k: 'v' } }, { name: 'n' }] }, { list: [{ credentials: '<redacted>' }, { name: 'n' }] }],
    ['a whole subtree under a secret key', { callerCredentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } }, { callerCredentials: '<redacted>' }],
    ['a top-level array', [{ password: 'p' }, 'plain'], [{ password: '<redacted>' }, 'plain']],
    ['null and absent secrets left as they are', { password: null, token: undefined }, { password: null, token: undefined }],
    ['values that only look secret', { note: 'my password is hunter2' }, { note: 'my password is hunter2' }],
    ['scalars', 'secret', 'secret'],
    ['null', null, null],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toEqual(expected);
  });

  test('does not change its input', () => {
    const input = { nested: { password: 'p' } };
    redact(input);
    expect(input.nested.password).toBe('p');
  });
});

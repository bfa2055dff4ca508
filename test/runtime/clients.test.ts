import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Clients } from '../../runtime/clients';

const clients = () => new Clients({ accessKeyId: 'AKIA', secretAccessKey: 'secret' }, 'eu-west-1');

describe('Clients', () => {
  test('one client per class, with three attempts by default', async () => {
    const c = clients();
    expect(c.get(SSMClient)).toBe(c.get(SSMClient));
    expect(await c.get(SSMClient).config.maxAttempts()).toBe(3);
    expect(await c.get(SSMClient).config.region()).toBe('eu-west-1');
  });

  test('a tuning gets its own client, so a call that must not be repeated is sent once', async () => {
    const c = clients();
    const once = c.get(LambdaClient, { maxAttempts: 1, requestTimeoutMs: 50_000 });
    expect(once).toBe(c.get(LambdaClient, { maxAttempts: 1, requestTimeoutMs: 50_000 }));
    expect(once).not.toBe(c.get(LambdaClient));
    expect(await once.config.maxAttempts()).toBe(1);
    expect(await c.get(LambdaClient).config.maxAttempts()).toBe(3);
  });
});

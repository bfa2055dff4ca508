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

  test('a later request with the same credentials, region and endpoints gets the warm client; any difference a new one', async () => {
    const warm = clients().get(SSMClient);
    expect(clients().get(SSMClient)).toBe(warm);
    expect(new Clients({ accessKeyId: 'AKIA', secretAccessKey: 'other' }, 'eu-west-1').get(SSMClient)).not.toBe(warm);
    expect(new Clients({ accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 't' }, 'eu-west-1').get(SSMClient)).not.toBe(warm);
    expect(new Clients({ accessKeyId: 'AKIA', secretAccessKey: 'secret' }, 'us-east-1').get(SSMClient)).not.toBe(warm);
    const saved = process.env.AWS_ENDPOINT_URL_SSM;
    process.env.AWS_ENDPOINT_URL_SSM = 'http://127.0.0.1:1';
    try {
      const elsewhere = clients().get(SSMClient);
      expect(elsewhere).not.toBe(warm);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSM;
      else process.env.AWS_ENDPOINT_URL_SSM = saved;
    }
    expect(clients().get(SSMClient)).toBe(warm);
  });
});

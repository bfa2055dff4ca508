import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { invalidRequest, mapAwsError } from '../../../../runtime';
import { CredentialsProvider, GitAuth } from './provider';

/** The user name git hosts accept with a bare token (GitHub and Gitea take any; Bitbucket's app passwords need the real one). */
const TOKEN_USERNAME = 'x-access-token';

/** A Secrets Manager secret whose string is JSON: `{"username", "password"}` or `{"token"}` (with an optional `username`). */
export const secretsManagerProvider: CredentialsProvider = {
  async resolve(ctx, _repository, property) {
    const arn = property.SecretArn;
    if (!arn) throw invalidRequest('Credentials.SecretArn: the SecretsManager provider needs the ARN of the secret holding the git credentials');
    let text: string | undefined;
    try {
      text = (await ctx.clients.get(SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
    } catch (err) {
      throw mapAwsError(err, { property: 'Credentials.SecretArn', resource: `secret '${arn}'` });
    }
    return credentialsIn(text, arn);
  },
};

/** The messages say what shape is wrong, never what the secret holds. */
function credentialsIn(text: string | undefined, arn: string): GitAuth {
  const shape = `Credentials.SecretArn: secret '${arn}' must hold a JSON object with "username" and "password", or with "token"`;
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw invalidRequest(`${shape}; its value is not JSON (or is binary)`);
  }
  const { username, password, token } = (value ?? {}) as Record<string, unknown>;
  const secret = typeof password === 'string' && password ? password : typeof token === 'string' && token ? token : undefined;
  if (!secret) throw invalidRequest(`${shape}; it has neither`);
  if (username !== undefined && (typeof username !== 'string' || !username)) throw invalidRequest(`${shape}; its "username" is not a non-empty string`);
  if (typeof password === 'string' && password && !username) throw invalidRequest(`${shape}; it has "password" without "username"`);
  return { username: (username as string | undefined) ?? TOKEN_USERNAME, password: secret };
}

import { invalidRequest, WorkContext } from '../../../../runtime';
import { ResourceProperties } from '../models';
import { RepositoryLocation } from '../repository-url';
import { codeCommitProvider } from './codecommit';
import { CredentialsProperty, CredentialsProvider, GitAuth } from './provider';
import { secretsManagerProvider } from './secrets-manager';

export type { GitAuth } from './provider';

/** The providers by the name the schema's Credentials.Provider enum gives them: adding one is a file and a line here. */
const PROVIDERS: Record<string, CredentialsProvider> = {
  SecretsManager: secretsManagerProvider,
  CodeCommit: codeCommitProvider,
};

export async function gitCredentials(ctx: WorkContext<ResourceProperties>, repository: RepositoryLocation): Promise<GitAuth> {
  const property: CredentialsProperty = ctx.props.Credentials;
  const provider = PROVIDERS[property.Provider];
  if (!provider) throw invalidRequest(`Credentials.Provider: '${property.Provider}' is not one of ${Object.keys(PROVIDERS).join(', ')}`);
  return provider.resolve(ctx, repository, property);
}

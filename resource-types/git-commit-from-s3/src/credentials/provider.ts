import { WorkContext } from '../../../../runtime';
import { RepositoryLocation } from '../repository-url';

/** HTTP Basic credentials for the git smart-HTTP protocol. */
export interface GitAuth {
  readonly username: string;
  readonly password: string;
}

/** The Credentials property as the template writes it. */
export interface CredentialsProperty {
  readonly Provider: string;
  readonly SecretArn?: string;
}

/**
 * One way of authenticating to a repository. A provider's errors name the property at fault and never carry
 * the secret itself; what it returns is handed to git only, never logged or stored.
 */
export interface CredentialsProvider {
  resolve(ctx: WorkContext<unknown>, repository: RepositoryLocation, property: CredentialsProperty): Promise<GitAuth>;
}

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GitServer, GitServerOptions, startGitServer } from '../../local/git-server';
import { LOCAL_AWS } from '../../local/local-aws';
import { initBareRepo } from '../../local/process';

/** An empty repository on the fixture's server, and the properties that publish a bucket's `release/` prefix to it. */
export interface FixtureRepository {
  /** The bare repository's folder, for the git CLI helpers of git-repos.ts. */
  readonly path: string;
  readonly props: Record<string, unknown>;
  /** Requests the server answered for this repository. */
  served(): GitServer['requests'];
  /** Pushes the server received for this repository. */
  pushes(): number;
}

export interface GitFixture {
  readonly server: GitServer;
  readonly username: string;
  /** The git password; it is also the secret the scan tests look for. */
  readonly password: string;
  /** A Secrets Manager secret holding the fixture's credentials. */
  readonly secretArn: string;
  /** The type configuration that allows pushing to the fixture's server (give it to CfnDriver). */
  readonly typeConfiguration: { AllowedRepositoryUrls: string[] };
  repository(bucket: string, props?: Record<string, unknown>): Promise<FixtureRepository>;
  /** A new secret holding `value` (wrong or malformed credentials). */
  secretHolding(value: object): Promise<string>;
  close(): Promise<void>;
}

const secrets = () => new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

export async function secretHolding(value: object): Promise<string> {
  return (await secrets().send(new CreateSecretCommand({ Name: `orch/git/${randomUUID()}`, SecretString: JSON.stringify(value) }))).ARN!;
}

/**
 * What the git type's tests share: the loopback git server with Basic authentication, its credentials in a
 * Secrets Manager secret on the local AWS, and repositories to publish to.
 */
export async function startGitFixture(options: Pick<GitServerOptions, 'onRequest'> = {}): Promise<GitFixture> {
  const root = mkdtempSync(join(tmpdir(), 'orch-git-fixture-'));
  const username = 'publisher';
  const password = `tok-${randomBytes(12).toString('hex')}`;
  const server = await startGitServer({ root, username, password, onRequest: options.onRequest });
  const secretArn = await secretHolding({ username, password });
  return {
    server,
    username,
    password,
    secretArn,
    typeConfiguration: { AllowedRepositoryUrls: [`${server.url}/*`] },
    secretHolding,
    async repository(bucket, props = {}) {
      const name = `repo-${randomUUID().slice(0, 8)}`;
      const path = await initBareRepo(root, name);
      const served = () => server.requests.filter((r) => r.path.startsWith(`/${name}.git/`));
      return {
        path,
        served,
        pushes: () => served().filter((r) => r.method === 'POST' && r.path.endsWith('/git-receive-pack')).length,
        props: {
          Bucket: bucket,
          Prefix: 'release/',
          RepositoryUrl: `${server.url}/${name}.git`,
          AllowInsecureHttp: true,
          CommitMessage: 'Publish release',
          Credentials: { Provider: 'SecretsManager', SecretArn: secretArn },
          ...props,
        },
      };
    },
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

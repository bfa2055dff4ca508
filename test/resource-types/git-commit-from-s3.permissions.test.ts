import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CfnDriver } from '../../local/driver';
import { GitServer, startGitServer } from '../../local/git-server';
import { LOCAL_AWS } from '../../local/local-aws';
import schema from '../../resource-types/git-commit-from-s3/orch-git-commitfroms3.json';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { bareRepo, commitsOf } from '../support/git-repos';
import { expectExactPermissions, recordPermissions } from '../support/permission-recorder';
import { bucket, putObject } from '../support/s3-objects';

/**
 * codecommit:GitPull and GitPush authorise the CodeCommit provider's SigV4-signed git HTTPS (fetch and push), not an
 * SDK call: the local git server takes Basic authentication from a Secrets Manager secret instead.
 */
const CODECOMMIT_GIT = ['codecommit:GitPull', 'codecommit:GitPush'];

/** Declared but only reached on paths this test does not drive, with the reason. */
const UNEXERCISED: Record<string, string[]> = {
  // ssm:GetParameters: records over 4 KB (such as one with a long CommitMessage) are split over several parameters.
  create: [...CODECOMMIT_GIT, 'ssm:GetParameters'],
  update: [...CODECOMMIT_GIT, 'ssm:GetParameters'],
  read: ['ssm:GetParameters'],
  list: ['ssm:GetParameters'],
  delete: ['ssm:GetParameters'],
};

const USER = 'publisher';
const PASSWORD = `tok-${randomBytes(12).toString('hex')}`;

let root: string;
let server: GitServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'orch-git-perm-'));
  server = await startGitServer({ root, username: USER, password: PASSWORD });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

async function secretHolding(value: object): Promise<string> {
  const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  return (await secrets.send(new CreateSecretCommand({ Name: `orch/git/${randomUUID()}`, SecretString: JSON.stringify(value) }))).ARN!;
}

test('each handler calls exactly the permissions its schema declares', async () => {
  const b = await bucket();
  await putObject(b, 'release/app.yaml', 'replicas: 2\n', { ContentType: 'text/plain' });
  const name = `repo-${randomUUID().slice(0, 8)}`;
  const repo = await bareRepo(root, name);
  const props = {
    Bucket: b,
    Prefix: 'release/',
    RepositoryUrl: `${server.url}/${name}.git`,
    AllowInsecureHttp: true,
    CommitMessage: 'Publish release',
    Credentials: { Provider: 'SecretsManager', SecretArn: await secretHolding({ username: USER, password: PASSWORD }) },
  };
  const wrong = { ...props, Credentials: { Provider: 'SecretsManager', SecretArn: await secretHolding({ username: USER, password: 'wrong' }) } };

  const recorder = recordPermissions();
  try {
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, delayScale: 0.05 });
    const created = await recorder.during('create', () => d.create('Perm', props));
    // Refused by the git server after the record was written: the failed create deletes it.
    const failed = await recorder.during('create', () => d.create('PermFail', wrong));
    await recorder.during('read', () => d.read('Perm', created.model!));
    await recorder.during('list', () => d.list());
    const updated = await recorder.during('update', () => d.update('Perm', created.model!, props, { ...props, RunToken: '2' }));
    const deleted = await recorder.during('delete', () => d.delete('Perm', created.model!));

    expect([created.status, failed.errorCode, updated.status, deleted.status]).toEqual(['SUCCESS', 'InvalidCredentials', 'SUCCESS', 'SUCCESS']);
    expect(await commitsOf(repo, 'main')).toHaveLength(1); // the update had nothing new to commit
    expectExactPermissions(recorder.calls, schema, UNEXERCISED);
  } finally {
    recorder.restore();
  }
});

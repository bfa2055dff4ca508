import { CfnDriver } from '../../local/protocol';
import schema from '../../resource-types/git-commit-from-s3/orch-git-commitfroms3.json';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { commitsOf } from '../support/git-repos';
import { GitFixture, startGitFixture } from '../support/git-fixture';
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

let git: GitFixture;

beforeAll(async () => {
  git = await startGitFixture();
});

afterAll(() => git.close());

test('each handler calls exactly the permissions its schema declares', async () => {
  const b = await bucket();
  await putObject(b, 'release/app.yaml', 'replicas: 2\n', { ContentType: 'text/plain' });
  const { path: repo, props } = await git.repository(b);
  const wrong = { ...props, Credentials: { Provider: 'SecretsManager', SecretArn: await git.secretHolding({ username: git.username, password: 'wrong' }) } };

  const recorder = recordPermissions();
  try {
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration, delayScale: 0.05 });
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

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { paginateGetParametersByPath, SSMClient } from '@aws-sdk/client-ssm';
import { CfnDriver, RecordedInvocation } from '../../local/protocol';
import { LOCAL_AWS } from '../../local/local-aws';
import { defineResourceType, TaskLifecycle } from '../../runtime';
import { TASK_PARAMETER_ROOT } from '../../runtime/contract';
import { recordRoot } from '../../runtime/task-store';
import schema from '../../resource-types/git-commit-from-s3/orch-git-commitfroms3.json';
import { publicationWith } from '../../resource-types/git-commit-from-s3/src/publish-task';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { commitFiles, commitsOf, filesAt, gitCli } from '../support/git-repos';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { bucket, putObject, s3 } from '../support/s3-objects';

const events: RecordedInvocation[] = [];
const logged: string[] = [];
const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration, onInvocation: (i) => events.push(i) });

/** The git server; its password, kept in Secrets Manager, is what the last test looks for in everything the suite saw. */
let git: GitFixture;
/** Set by a test to act before the server serves a request (another writer pushing first). */
let onRequest: ((r: { method: string; path: string; query: string }) => Promise<void>) | undefined;

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  git = await startGitFixture({ onRequest: async (r) => onRequest?.(r) });
});

afterAll(async () => {
  await git.close();
  jest.restoreAllMocks();
});

afterEach(() => {
  onRequest = undefined;
});

/** A bucket holding `files` under `prefix`, and an empty repository on the server. */
async function fixture(files: Record<string, string>, prefix = 'release/') {
  const b = await bucket();
  for (const [path, body] of Object.entries(files)) await putObject(b, `${prefix}${path}`, body, { ContentType: 'text/plain' });
  const { path, props } = await git.repository(b, { Prefix: prefix, Branch: 'main', TargetDirectory: 'deploy/prod' });
  return { bucket: b, repo: path, props };
}

const receivePacks = () => git.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git-receive-pack')).length;

describe('Orch::Git::CommitFromS3', () => {
  test('the first commit into an empty repository holds the prefix under the target directory', async () => {
    const f = await fixture({ 'app.yaml': 'replicas: 2\n', 'config/model.json': '{"uri":"s3://m/1"}' });
    const result = await driver().create('Publish', f.props);

    expect(result.violations).toEqual([]);
    expectSuccess(result);
    const commits = await commitsOf(f.repo, 'main');
    expect(commits).toHaveLength(1);
    expect(result.model).toMatchObject({ CommitSha: commits[0].sha, FilesAdded: 2, FilesChanged: 0, FilesRemoved: 0 });
    expect(result.model!.Id).toMatch(/^Publish-[0-9a-f]{24}$/);
    expect(await filesAt(f.repo, 'main')).toEqual({ 'deploy/prod/app.yaml': 'replicas: 2\n', 'deploy/prod/config/model.json': '{"uri":"s3://m/1"}' });
    expect(commits[0].message).toMatch(/^Publish release\n\nOrch-Run: Publish-[0-9a-f]{24}\nOrch-Files: added=2 changed=0 removed=0$/);
  });

  test('one invocation publishes, reading the secret once and listing the prefix once', async () => {
    const f = await fixture({ 'a.txt': 'a', 'b/c.txt': 'c' });
    const sent: string[] = [];
    const spies = [SecretsManagerClient, S3Client].map((client) => {
      const original = client.prototype.send as (...args: unknown[]) => Promise<unknown>;
      return jest.spyOn(client.prototype, 'send').mockImplementation(function (this: unknown, command: any, ...rest: any[]) {
        sent.push(command.constructor.name);
        return original.call(this, command, ...rest);
      } as never);
    });
    try {
      const result = await driver().create('Once', f.props);
      expectSuccess(result);
      expect(result.invocations).toHaveLength(1);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    expect(sent.filter((name) => name === 'GetSecretValueCommand')).toHaveLength(1);
    expect(sent.filter((name) => name === 'ListObjectsV2Command')).toHaveLength(1);
  });

  test('a second run commits changed, added and removed files; without Mirror other files stay', async () => {
    const f = await fixture({ 'a.txt': 'a1', 'b.txt': 'b1', 'c.txt': 'c1' });
    await commitFiles(f.repo, 'main', { 'README.md': 'kept\n', 'deploy/prod/a.txt': 'old' });
    const d = driver();
    const first = await d.create('Publish', f.props);
    expect(first.model).toMatchObject({ FilesAdded: 2, FilesChanged: 1, FilesRemoved: 0 });

    await putObject(f.bucket, 'release/a.txt', 'a2', { ContentType: 'text/plain' });
    await putObject(f.bucket, 'release/d/e.txt', 'e1', { ContentType: 'text/plain' });
    await s3().send(new DeleteObjectCommand({ Bucket: f.bucket, Key: 'release/c.txt' }));
    const mirrored = { ...f.props, Mirror: true, RunToken: '2' };
    const second = await d.update('Publish', first.model!, f.props, mirrored);

    expect(second.violations).toEqual([]);
    expectSuccess(second);
    expect(second.model).toMatchObject({ FilesAdded: 1, FilesChanged: 1, FilesRemoved: 1 });
    const commits = await commitsOf(f.repo, 'main');
    expect(commits).toHaveLength(3);
    expect(second.model!.CommitSha).toBe(commits[0].sha);
    expect(await filesAt(f.repo, 'main')).toEqual({ 'README.md': 'kept\n', 'deploy/prod/a.txt': 'a2', 'deploy/prod/b.txt': 'b1', 'deploy/prod/d/e.txt': 'e1' });

    await putObject(f.bucket, 'release/b.txt', 'b2', { ContentType: 'text/plain' });
    const kept = await d.update('Publish', second.model!, mirrored, { ...f.props, RunToken: '3' });
    expect(kept.model).toMatchObject({ FilesAdded: 0, FilesChanged: 1, FilesRemoved: 0 });
    expect(Object.keys(await filesAt(f.repo, 'main', 'deploy'))).toEqual(['deploy/prod/a.txt', 'deploy/prod/b.txt', 'deploy/prod/d/e.txt']);
  });

  test('a run with nothing to change makes no commit and reports the current head', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const d = driver();
    const first = await d.create('Publish', f.props);
    const pushes = receivePacks();
    const again = await d.update('Publish', first.model!, f.props, { ...f.props, RunToken: 'again', CommitMessage: 'nothing new' });

    expectSuccess(again);
    expect(again.model).toMatchObject({ CommitSha: first.model!.CommitSha, FilesAdded: 0, FilesChanged: 0, FilesRemoved: 0 });
    expect(await commitsOf(f.repo, 'main')).toHaveLength(1);
    expect(receivePacks()).toBe(pushes);
  });

  test('Tag makes an annotated tag on the commit; a tag already on another commit is a ResourceConflict', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const d = driver();
    const tagged = await d.create('Publish', { ...f.props, Tag: 'v1.0.0', TagMessage: 'First release' });

    expectSuccess(tagged);
    expect((await gitCli(['cat-file', '-t', 'v1.0.0'], f.repo)).trim()).toBe('tag');
    expect((await gitCli(['rev-parse', 'v1.0.0'], f.repo)).trim()).toBe(tagged.model!.TagSha);
    expect((await gitCli(['rev-parse', 'v1.0.0^{commit}'], f.repo)).trim()).toBe(tagged.model!.CommitSha);
    expect(await gitCli(['tag', '-l', '--format=%(contents)', 'v1.0.0'], f.repo)).toContain('First release');

    await putObject(f.bucket, 'release/a.txt', 'changed', { ContentType: 'text/plain' });
    const pushes = receivePacks();
    const clash = await d.create('Other', { ...f.props, Tag: 'v1.0.0' });
    expect(clash.status).toBe('FAILED');
    expect(clash.errorCode).toBe('ResourceConflict');
    expect(clash.message).toMatch(/^Tag: tag 'v1\.0\.0' of repository '[^']+' already points at another commit \([0-9a-f]{12}\); tags are never moved, and nothing was pushed$/);
    // Found before the first push: the failed release is not on the branch its consumers follow.
    expect(receivePacks()).toBe(pushes);
    expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([tagged.model!.CommitSha]);
  });

  test('a tag another writer makes while the push is on its way: branch and tag move together or not at all (atomic push)', async () => {
    const f = await fixture({ 'a.txt': 'ours' });
    const base = await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
    let raced = false;
    onRequest = async (r) => {
      // The server advertised no tag; only its atomic ref update can still refuse both.
      if (!raced && r.method === 'POST' && r.path.endsWith('/git-receive-pack')) {
        raced = true;
        await gitCli(['tag', '-a', '-m', 'theirs', 'v2', base], f.repo);
      }
    };
    const result = await driver().create('Publish', { ...f.props, Tag: 'v2' });

    expect(raced).toBe(true);
    expect(result.errorCode).toBe('ResourceConflict');
    expect(result.message).toContain("Tag: tag 'v2'");
    expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([base]);
    expect((await gitCli(['rev-parse', 'v2^{commit}'], f.repo)).trim()).toBe(base);
  });

  describe('a server that does not offer atomic pushes', () => {
    /** The repository's server advertises no `atomic` capability, as some hosted servers do not. */
    async function withoutAtomic(files: Record<string, string>) {
      const f = await fixture(files);
      await gitCli(['config', 'receive.advertiseAtomic', 'false'], f.repo);
      return f;
    }

    test('the tag goes first, and is taken back when the branch push then loses a race; the retry publishes both', async () => {
      const f = await withoutAtomic({ 'a.txt': 'ours' });
      await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
      const posts: string[] = [];
      onRequest = async (r) => {
        if (r.method !== 'POST' || !r.path.endsWith('/git-receive-pack')) return;
        posts.push((await gitCli(['tag', '-l'], f.repo)).trim());
        if (posts.length === 2) await commitFiles(f.repo, 'main', { 'theirs.txt': 'theirs' }, 'concurrent writer'); // during the branch push
      };
      const result = await driver().create('Publish', { ...f.props, Tag: 'v3' });

      expectSuccess(result);
      // tag, branch (lost), tag deleted, tag, branch.
      expect(posts).toEqual(['', 'v3', 'v3', '', 'v3']);
      const commits = await commitsOf(f.repo, 'main');
      expect(commits.map((c) => c.message.split('\n')[0])).toEqual(['Publish release', 'concurrent writer', 'another writer']);
      expect(result.model).toMatchObject({ CommitSha: commits[0].sha });
      expect((await gitCli(['rev-parse', 'v3'], f.repo)).trim()).toBe(result.model!.TagSha);
      expect((await gitCli(['rev-parse', 'v3^{commit}'], f.repo)).trim()).toBe(commits[0].sha);
    });

    test('a handler that died between its tag push and its branch push: the re-sent request replaces its own tag', async () => {
      const f = await withoutAtomic({ 'a.txt': 'ours' });
      const base = await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
      const d = driver();
      const request = d.request('CREATE', 'Publish', { resourceProperties: { ...f.props, Tag: 'v5' } });
      const first = await d.run(request);
      expectSuccess(first);
      // What the server holds when the handler died after the tag push: the tag on this request's commit, the
      // branch still at the base, and no task record.
      await gitCli(['update-ref', 'refs/heads/main', base], f.repo);
      await deleteRecords(first.model!.Id as string);

      const resent = await d.run(request);
      expectSuccess(resent);
      const commits = await commitsOf(f.repo, 'main');
      expect(commits.map((c) => c.sha)).toEqual([resent.model!.CommitSha, base]);
      expect((await gitCli(['rev-parse', 'v5^{commit}'], f.repo)).trim()).toBe(resent.model!.CommitSha);
    });

    test('a tag another writer makes first: ResourceConflict, and the branch never moved', async () => {
      const f = await withoutAtomic({ 'a.txt': 'ours' });
      const base = await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
      onRequest = async (r) => {
        if (r.method === 'POST' && r.path.endsWith('/git-receive-pack') && !(await gitCli(['tag', '-l'], f.repo)).trim()) {
          await gitCli(['tag', '-a', '-m', 'theirs', 'v4', base], f.repo);
        }
      };
      const result = await driver().create('Publish', { ...f.props, Tag: 'v4' });

      expect(result.errorCode).toBe('ResourceConflict');
      expect(result.message).toContain("Tag: tag 'v4'");
      expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([base]);
    });
  });

  test('the same create request sent twice makes one commit and one tag', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const d = driver();
    const request = d.request('CREATE', 'Publish', { resourceProperties: { ...f.props, Tag: 'r1' } });
    const [one, two] = [await d.run(request), await d.run(request)];

    expectSuccess(one);
    expect(two.model).toEqual(one.model);
    expect(await commitsOf(f.repo, 'main')).toHaveLength(1);
    expect((await gitCli(['tag', '-l'], f.repo)).trim()).toBe('r1');
    expect((await gitCli(['rev-parse', 'r1'], f.repo)).trim()).toBe(one.model!.TagSha);
  });

  test('a handler that died after pushing: the re-sent request finds its commit by trailer and pushes nothing', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const d = driver();
    const request = d.request('CREATE', 'Publish', { resourceProperties: f.props });
    const first = await d.run(request);
    await commitFiles(f.repo, 'main', { 'elsewhere.txt': 'x' }); // and someone pushed since
    // The record is lost as if the handler had died before writing it.
    await deleteRecords(first.model!.Id as string);
    const pushes = receivePacks();

    const resent = await d.run(request);
    expectSuccess(resent);
    expect(resent.model).toMatchObject({ CommitSha: first.model!.CommitSha, FilesAdded: 1 });
    expect(await commitsOf(f.repo, 'main')).toHaveLength(2);
    expect(receivePacks()).toBe(pushes);
  });

  test('another writer pushing first: the commit is re-applied on the new head', async () => {
    const f = await fixture({ 'a.txt': 'ours' });
    await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
    let raced = false;
    onRequest = async (r) => {
      if (!raced && r.query.includes('service=git-receive-pack')) {
        raced = true;
        await commitFiles(f.repo, 'main', { 'theirs.txt': 'theirs' }, 'concurrent writer');
      }
    };
    const result = await driver().create('Publish', f.props);

    expectSuccess(result);
    expect(raced).toBe(true);
    const commits = await commitsOf(f.repo, 'main');
    expect(commits.map((c) => c.message.split('\n')[0])).toEqual(['Publish release', 'concurrent writer', 'another writer']);
    expect(await filesAt(f.repo, 'main')).toEqual({ 'base.txt': 'base', 'theirs.txt': 'theirs', 'deploy/prod/a.txt': 'ours' });
  });

  test("another writer pushing between the server's advertisement and its ref update: the server refuses, and the commit is re-applied", async () => {
    const f = await fixture({ 'a.txt': 'ours' });
    await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
    let raced = false;
    onRequest = async (r) => {
      // The pack is on its way: the server already advertised the old head, so only its own ref update can notice.
      if (!raced && r.method === 'POST' && r.path.endsWith('/git-receive-pack')) {
        raced = true;
        await commitFiles(f.repo, 'main', { 'theirs.txt': 'theirs' }, 'concurrent writer');
      }
    };
    const result = await driver().create('Publish', f.props);

    expectSuccess(result);
    expect(raced).toBe(true);
    const commits = await commitsOf(f.repo, 'main');
    expect(commits.map((c) => c.message.split('\n')[0])).toEqual(['Publish release', 'concurrent writer', 'another writer']);
    expect(result.model!.CommitSha).toBe(commits[0].sha);
    expect(await filesAt(f.repo, 'main')).toEqual({ 'base.txt': 'base', 'theirs.txt': 'theirs', 'deploy/prod/a.txt': 'ours' });
  });

  test('a branch other writers keep moving fails with ResourceConflict naming it once the time budget is spent, and pushes nothing', async () => {
    const f = await fixture({ 'a.txt': 'ours' });
    await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
    let n = 0;
    onRequest = async (r) => {
      if (r.query.includes('service=git-receive-pack')) await commitFiles(f.repo, 'main', { 'theirs.txt': `${n++}` }, 'busy writer');
    };
    // The production adapter with an 8-second budget instead of 35 s: retries go on until it is spent, not for a count.
    const short = defineResourceType(TYPE_NAME, schema, new TaskLifecycle(publicationWith({ publishSeconds: 8 }), { typeName: TYPE_NAME, schema }));
    const d = new CfnDriver({ entrypoint: short.entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration, onInvocation: (i) => events.push(i) });
    const result = await d.create('Publish', f.props);

    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('ResourceConflict');
    const [, seconds, attempts] = /^Branch: other writers kept pushing to branch 'main' of repository '[^']+' for (\d+) s \((\d+) attempts, each re-applied on the new head\); nothing was pushed$/.exec(result.message!) ?? [];
    expect(Number(attempts)).toBe(n);
    expect(n).toBeGreaterThan(1);
    // It gave up because the next pause (at most 2 s) would have overrun the budget.
    expect(Number(seconds)).toBeGreaterThanOrEqual(8 - 2 - 1);
    expect((await commitsOf(f.repo, 'main')).filter((c) => c.message.startsWith('Publish release'))).toEqual([]);
  });

  test('a push a server hook declines is GeneralServiceException naming the branch, not retried as a lost race', async () => {
    const f = await fixture({ 'a.txt': 'ours' });
    const base = await commitFiles(f.repo, 'main', { 'base.txt': 'base' });
    writeFileSync(join(f.repo, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected branch" >&2\nexit 1\n', { mode: 0o755 });
    const pushes = receivePacks();
    const result = await driver().create('Publish', { ...f.props, Tag: 'v9' });

    expect(result.errorCode).toBe('GeneralServiceException');
    expect(result.message).toMatch(/^Branch: repository '[^']+' refused the push \(a server-side hook or branch protection\)$/);
    expect(receivePacks()).toBe(pushes + 1);
    expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([base]);
    expect((await gitCli(['tag', '-l'], f.repo)).trim()).toBe('');
  });

  test('a missing branch is created from the default branch', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const base = await commitFiles(f.repo, 'main', { 'README.md': 'r' });
    const result = await driver().create('Publish', { ...f.props, Branch: 'release/v2' });

    expectSuccess(result);
    const commits = await commitsOf(f.repo, 'release/v2');
    expect(commits.map((c) => c.sha)).toEqual([result.model!.CommitSha, base]);
    expect(await commitsOf(f.repo, 'main')).toHaveLength(1);
  });

  test('a publication that would overrun the invocation pushes nothing and hands over; the next invocation finishes it', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    // The production adapter with no time to publish in: each invocation gives up before its push.
    const slow = defineResourceType(TYPE_NAME, schema, new TaskLifecycle(publicationWith({ publishSeconds: 0 }), { typeName: TYPE_NAME, schema }));
    const d = new CfnDriver({ entrypoint: slow.entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration, maxInvocations: 2, onInvocation: (i) => events.push(i) });
    const request = d.request('CREATE', 'Slow', { resourceProperties: f.props });
    const handedOver = await d.run(request);

    expect(handedOver.violations).toEqual([]);
    expect(handedOver.invocations.map((i) => i.response.status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(handedOver.invocations[1].response.callbackDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(await commitsOf(f.repo, 'main')).toEqual([]);

    const last = handedOver.invocations[1].response;
    const finished = await driver().run({ ...request, callbackContext: last.callbackContext, requestData: { ...request.requestData, resourceProperties: last.resourceModel } });
    expectSuccess(finished);
    expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([finished.model!.CommitSha]);
  });

  test('delete leaves the history alone and removes the record', async () => {
    const f = await fixture({ 'a.txt': 'a' });
    const d = driver();
    const created = await d.create('Publish', f.props);
    const deleted = await d.delete('Publish', created.model!);

    expectSuccess(deleted);
    expect((await commitsOf(f.repo, 'main')).map((c) => c.sha)).toEqual([created.model!.CommitSha]);
    expect((await d.read('Publish', created.model!)).errorCode).toBe('NotFound');
    expect((await d.delete('Publish', created.model!)).errorCode).toBe('NotFound');
  });

  describe('mistakes fail with the code and the property at fault', () => {
    test.each([
      ['wrong credentials', async (p: Props) => ({ ...p, Credentials: { Provider: 'SecretsManager', SecretArn: await git.secretHolding({ username: git.username, password: 'wrong' }) } }), 'InvalidCredentials', /^Credentials: repository 'http:\/\/127\.0\.0\.1:\d+\/repo-[0-9a-f]{8}\.git' refused the credentials \(HTTP 401\)$/],
      ['a missing bucket', async (p: Props) => ({ ...p, Bucket: `orch-missing-${randomUUID().slice(0, 8)}` }), 'NotFound', /^Bucket: bucket 'orch-missing-[0-9a-f]{8}' was not found/],
      [
        'a secret that does not exist',
        async (p: Props) => ({ ...p, Credentials: { Provider: 'SecretsManager', SecretArn: `arn:aws:secretsmanager:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:secret:orch/none-AbCdEf` } }),
        'NotFound',
        /^Credentials\.SecretArn: secret 'arn:aws:secretsmanager:us-east-1:123456789012:secret:orch\/none-AbCdEf' was not found/,
      ],
      ['a secret without a password or token', async (p: Props) => ({ ...p, Credentials: { Provider: 'SecretsManager', SecretArn: await git.secretHolding({ user: 'x' }) } }), 'InvalidRequest', /^Credentials\.SecretArn: secret '[^']+' must hold a JSON object .*; it has neither$/],
      ['an http URL without the opt-in', async (p: Props) => ({ ...p, AllowInsecureHttp: undefined }), 'InvalidRequest', /^RepositoryUrl: 'http:\/\/127\.0\.0\.1:\d+\/repo-[0-9a-f]{8}\.git' uses plain http/],
      ['an http URL off loopback, even with the opt-in', async (p: Props) => ({ ...p, RepositoryUrl: 'http://git.example.com/r.git' }), 'InvalidRequest', /^RepositoryUrl: AllowInsecureHttp applies to loopback test servers only, and 'git\.example\.com' is not one/],
      ['a URL with credentials in it', async (p: Props) => ({ ...p, RepositoryUrl: (p.RepositoryUrl as string).replace('http://', 'http://u:p@') }), 'InvalidRequest', /^RepositoryUrl: the URL carries credentials/],
      ['a repository that does not exist', async (p: Props) => ({ ...p, RepositoryUrl: `${git.server.url}/nothing-here.git` }), 'NotFound', /^RepositoryUrl: repository 'http:\/\/127\.0\.0\.1:\d+\/nothing-here\.git' was not found \(HTTP 404\)$/],
      ['an empty prefix', async (p: Props) => ({ ...p, Prefix: 'nothing/' }), 'InvalidRequest', /^Prefix: there are no objects under s3:\/\/orch-test-[^/]+\/nothing\/$/],
      ['a target directory leaving the repository', async (p: Props) => ({ ...p, TargetDirectory: 'deploy/../..' }), 'InvalidRequest', /^TargetDirectory: its path 'deploy\/\.\.\/\.\.' has a segment \('\.\.'\)/],
      ['CodeCommit credentials for another host', async (p: Props) => ({ ...p, Credentials: { Provider: 'CodeCommit' } }), 'InvalidRequest', /^Credentials\.Provider: CodeCommit signs requests for git-codecommit\.<region>\.amazonaws\.com only, and RepositoryUrl's host is '127\.0\.0\.1:\d+'$/],
    ])('%s', async (_what, change, code, says) => {
      const f = await fixture({ 'a.txt': 'a' });
      const d = driver();
      const result = await d.create('Publish', await change(f.props));
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe(code);
      expect(result.message).toMatch(says);
      expect(await commitsOf(f.repo, 'main')).toEqual([]);
      expect((await d.list()).models!.filter((m) => m.Bucket === f.bucket)).toEqual([]);
    });
  });

});

// Declared last, so it runs after every other test of the file.
describe('secrets', () => {
  test("the secret's value appears in no event, log line or task record of the suite", async () => {
    const records = await parametersUnder(TASK_PARAMETER_ROOT);
    expect(events.length).toBeGreaterThan(30);
    expect(records.length).toBeGreaterThan(0);
    expect(logged.length).toBeGreaterThan(0);
    const seen = [JSON.stringify(events), ...logged, JSON.stringify(records)].join('\n');
    expect(seen).toContain('Credentials'); // what was scanned is what the handlers said
    expect(seen.includes(git.password)).toBe(false);
    expect(seen.includes(Buffer.from(`${git.username}:${git.password}`).toString('base64'))).toBe(false);
  });
});

type Props = Record<string, unknown>;

const ssm = () => new SSMClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

/** Every parameter below `path`, all pages (other suites' records share the root). */
async function parametersUnder(path: string) {
  const parameters = [];
  for await (const page of paginateGetParametersByPath({ client: ssm() }, { Path: path, Recursive: true, WithDecryption: true })) {
    parameters.push(...(page.Parameters ?? []));
  }
  return parameters;
}

async function deleteRecords(id: string) {
  const { DeleteParametersCommand } = await import('@aws-sdk/client-ssm');
  const names = (await parametersUnder(recordRoot(TYPE_NAME))).map((p) => p.Name!).filter((n) => n.includes(id));
  expect(names.length).toBeGreaterThan(0);
  await ssm().send(new DeleteParametersCommand({ Names: names }));
}

/** SUCCESS, or the failure's code and message in the assertion's output. */
function expectSuccess(result: { status: string; errorCode?: string; message?: string }) {
  expect([result.status, result.errorCode, result.message].filter(Boolean).join(' ')).toBe('SUCCESS');
}

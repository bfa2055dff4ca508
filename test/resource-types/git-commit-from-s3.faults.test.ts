import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { CfnDriver } from '../../local/protocol';
import { LOCAL_AWS } from '../../local/local-aws';
import { requestScopedName } from '../../runtime/identity';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { fakeParameterStore } from '../support/fake-parameter-store';
import { commitFiles, commitsOf, filesAt } from '../support/git-repos';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { bucket, putObject } from '../support/s3-objects';

/**
 * Faults moto and the local git server do not produce, injected with aws-sdk-client-mock under the production
 * entrypoint: a task-record write lost after the push, a throttled S3 read, a secret the handler may not read.
 * Whatever is not mocked in a test still goes to moto and to the real git server.
 */

let git: GitFixture;

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration, delayScale: 0.01 });

beforeAll(async () => {
  git = await startGitFixture();
});

afterAll(() => git.close());

const repository = (bucketName: string) => git.repository(bucketName, { TargetDirectory: 'deploy' });

describe('Orch::Git::CommitFromS3 when the task-record write after the push is lost', () => {
  let ssm: AwsStub<any, any, any>;

  beforeEach(() => {
    ssm = mockClient(SSMClient);
  });

  afterEach(() => ssm.restore());

  test('the re-sent request finds its pushed commit by trailer: one commit on the branch, and the re-send succeeds with its CommitSha', async () => {
    const b = await bucket();
    await putObject(b, 'release/app.yaml', 'replicas: 2\n', { ContentType: 'text/plain' });
    const repo = await repository(b);
    const store = fakeParameterStore(ssm);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    // The record of the started work is written, the commit is pushed, then the write of the outcome is lost.
    ssm.on(PutParameterCommand).callsFakeOnce(store.put).rejectsOnce(reset).callsFake(store.put);
    const d = driver();
    const request = d.request('CREATE', 'LostWrite', { resourceProperties: repo.props });
    // The name the commit's Orch-Run trailer carries, as the lifecycle derives it from the request.
    const runName = requestScopedName({ logicalResourceId: 'LostWrite', clientRequestToken: request.bearerToken }, 'run', 'LostWrite');

    const lost = await d.run(request);
    expect(lost.violations).toEqual([]);
    expect(lost.errorCode).toBe('NetworkFailure');
    expect(repo.pushes()).toBe(1);
    const [pushed] = await commitsOf(repo.path, 'main');
    expect(pushed.message).toContain(`Orch-Run: ${runName}\n`);

    // NetworkFailure is retriable: CloudFormation sends the same request again.
    const resent = await d.run(request);

    expect(resent.violations).toEqual([]);
    expect(resent.status).toBe('SUCCESS');
    expect(resent.model).toMatchObject({ CommitSha: pushed.sha, FilesAdded: 1, FilesChanged: 0, FilesRemoved: 0 });
    const commits = await commitsOf(repo.path, 'main');
    expect(commits.filter((c) => c.message.includes(`Orch-Run: ${runName}\n`)).map((c) => c.sha)).toEqual([pushed.sha]);
    expect(commits).toHaveLength(1);
    expect(repo.pushes()).toBe(1);
    const records = [...store.params.values()].map((v) => JSON.parse(v));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ model: { CommitSha: pushed.sha }, state: { task: { status: 'succeeded', run: runName } } });
  });
});

describe('Orch::Git::CommitFromS3 when S3 throttles the reads (SlowDown 503)', () => {
  let s3: AwsStub<any, any, any>;
  /** Each test's own (mocked) bucket, so that one test's records are not another's. */
  let busyBucket: string;

  const slowDown = () => new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Please reduce your request rate.' });
  /** Just enough of a GetObject body for the handler, which reads it whole. */
  const body = (text: string) => ({ Body: { transformToByteArray: async () => new TextEncoder().encode(text) } as never });

  beforeEach(() => {
    busyBucket = `busy-${randomUUID().slice(0, 8)}`;
    s3 = mockClient(S3Client);
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'release/a.txt', Size: 2 }], IsTruncated: false });
  });

  afterEach(() => s3.restore());

  test('a throttled GetObject is transient: the create waits a hop, then publishes once the throttling clears', async () => {
    s3.on(GetObjectCommand).rejectsOnce(slowDown()).callsFake(() => body('a1'));
    const repo = await repository(busyBucket);

    const result = await driver().create('Throttled', repo.props);

    expect(result.violations).toEqual([]);
    expect(result.invocations.map((i) => i.response.status)).toEqual(['IN_PROGRESS', 'SUCCESS']);
    expect(result.model).toMatchObject({ FilesAdded: 1 });
    expect((await commitsOf(repo.path, 'main')).map((c) => c.sha)).toEqual([result.model!.CommitSha]);
    expect(await filesAt(repo.path, 'main')).toEqual({ 'deploy/a.txt': 'a1' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
  });

  test('a GetObject throttled on every hop fails with Throttling naming the object, pushes nothing and leaves no record', async () => {
    s3.on(GetObjectCommand).rejects(slowDown());
    const repo = await repository(busyBucket);
    const d = driver();

    const result = await d.create('AlwaysThrottled', repo.props);

    expect(result.violations).toEqual([]);
    expect(result.invocations.map((i) => i.response.status)).toEqual([...Array(5).fill('IN_PROGRESS'), 'FAILED']);
    expect(result.errorCode).toBe('Throttling');
    expect(result.message).toMatch(new RegExp(`^Prefix: object 'release/a\\.txt' in bucket '${busyBucket}' was throttled \\(SlowDown: `));
    expect(await commitsOf(repo.path, 'main')).toEqual([]);
    expect(repo.pushes()).toBe(0);
    expect((await d.list()).models!.filter((m) => m.Bucket === busyBucket)).toEqual([]);
  });

  test("a throttled GetObject stops the publication's other readers: no file is read after the invocation gave up", async () => {
    // The files are already in the repository, so staging one writes nothing and goes straight to the next read.
    const files = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, `content ${i}`]));
    s3.on(ListObjectsV2Command).resolves({ Contents: Object.keys(files).map((f) => ({ Key: `release/${f}`, Size: files[f].length })), IsTruncated: false });
    const held: Array<() => void> = [];
    s3.on(GetObjectCommand).callsFake(({ Key }: { Key: string }) => {
      if (Key === 'release/f00.txt') return Promise.reject(slowDown());
      // The other reads answer only when the test lets them, after the invocation returned.
      return new Promise((resolve) => held.push(() => resolve(body(files[Key.slice('release/'.length)]))));
    });
    const repo = await repository(busyBucket);
    await commitFiles(repo.path, 'main', Object.fromEntries(Object.entries(files).map(([f, c]) => [`deploy/${f}`, c])));
    const d = driver();

    const first = await d.send(d.request('CREATE', 'Stopped', { resourceProperties: repo.props }));
    expect(first.response.status).toBe('IN_PROGRESS');
    const reads = s3.commandCalls(GetObjectCommand).length;
    expect(reads).toBeLessThanOrEqual(8); // at most one read for each of the 8 concurrent readers

    // The reads that were in flight when f00 failed now answer, after the handler returned. A reader that went on
    // would read the rest of the prefix in the background (into the next invocation, in Lambda).
    held.splice(0).forEach((answer) => answer());
    await new Promise((resolve) => setImmediate(resolve));

    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(reads);
    expect(repo.pushes()).toBe(0);
  });
});

describe('Orch::Git::CommitFromS3 when Secrets Manager denies the secret', () => {
  let secrets: AwsStub<any, any, any>;

  beforeEach(() => {
    secrets = mockClient(SecretsManagerClient);
  });

  afterEach(() => secrets.restore());

  test('AccessDeniedException on GetSecretValue fails with AccessDenied naming Credentials.SecretArn, without any git traffic', async () => {
    const denied = `arn:aws:secretsmanager:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:secret:orch/git/locked-AbCdEf`;
    secrets.on(GetSecretValueCommand).rejects(
      new SecretsManagerServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `User: arn:aws:sts::${LOCAL_AWS.accountId}:assumed-role/cfn-handler/s is not authorized to perform: secretsmanager:GetSecretValue on resource: ${denied}`,
      }),
    );
    const b = await bucket();
    await putObject(b, 'release/a.txt', 'a', { ContentType: 'text/plain' });
    const repo = await repository(b);
    const d = driver();

    const result = await d.create('Denied', { ...repo.props, Credentials: { Provider: 'SecretsManager', SecretArn: denied } });

    expect(result.violations).toEqual([]);
    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toMatch(new RegExp(`^Credentials\\.SecretArn: secret '${denied}' access denied \\(AccessDeniedException: `));
    expect(await commitsOf(repo.path, 'main')).toEqual([]);
    expect(repo.served()).toEqual([]);
    expect((await d.list()).models!.filter((m) => m.Bucket === b)).toEqual([]);
  });
});

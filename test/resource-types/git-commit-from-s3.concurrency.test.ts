import { CfnDriver, OperationResult } from '../../local/protocol';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { racePause } from '../../resource-types/git-commit-from-s3/src/publish';
import { commitsOf, filesAt, gitCli } from '../support/git-repos';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { bucket, putObject } from '../support/s3-objects';

/**
 * Independent resources of one stack publishing to one branch, as CloudFormation runs them: at the same moment.
 * Every create goes through the production entrypoint to the real git server; each loses races to the others
 * until its turn comes, and none may fail for it.
 */

let git: GitFixture;
/** Push discoveries the server answered: one per attempt to publish. */
let pushAttempts = 0;

beforeAll(async () => {
  git = await startGitFixture({ onRequest: async (r) => void (r.query.includes('service=git-receive-pack') && pushAttempts++) });
});

afterAll(() => git.close());

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: git.typeConfiguration });

const N = 16;

describe('Orch::Git::CommitFromS3 under contention', () => {
  test(`${N} tagged creates publishing to one branch at once make ${N} commits, each with its own Orch-Run trailer and tag, and none fails`, async () => {
    const b = await bucket();
    await putObject(b, 'release/app.yaml', 'replicas: 2\n', { ContentType: 'text/plain' });
    // An empty repository: even the branch's creation is a race.
    const repo = await git.repository(b, { Branch: 'main' });

    const results: OperationResult[] = await Promise.all(
      Array.from({ length: N }, (_, i) => driver().create(`Publish${i}`, { ...repo.props, TargetDirectory: `deploy/site-${i}`, Tag: `site-${i}` })),
    );

    expect(results.map((r) => [r.status, r.errorCode, r.message].filter(Boolean).join(' '))).toEqual(Array(N).fill('SUCCESS'));
    expect(results.flatMap((r) => r.violations)).toEqual([]);
    const commits = await commitsOf(repo.path, 'main');
    expect(commits).toHaveLength(N);
    const runs = commits.map((c) => /^Orch-Run: (\S+)$/m.exec(c.message)?.[1]);
    expect(new Set(runs).size).toBe(N);
    expect(runs.every(Boolean)).toBe(true);
    // Each create reports its own commit, and each commit holds every publication below it.
    expect(new Set(results.map((r) => r.model!.CommitSha)).size).toBe(N);
    expect(results.map((r) => r.model!.CommitSha).sort()).toEqual(commits.map((c) => c.sha).sort());
    for (const [i, r] of results.entries()) expect((await gitCli(['rev-parse', `site-${i}^{commit}`], repo.path)).trim()).toBe(r.model!.CommitSha);
    expect(Object.keys(await filesAt(repo.path, 'main')).sort()).toEqual(Array.from({ length: N }, (_, i) => `deploy/site-${i}/app.yaml`).sort());
    // Every pack the handlers built carried what their commits and tags need.
    await expect(gitCli(['fsck', '--strict', '--no-dangling'], repo.path)).resolves.toBeDefined();
    // It was a race: attempts lost to another writer (refused by the server, or seen before sending a pack) were re-applied.
    expect(pushAttempts).toBeGreaterThan(N);
  });

  test('the pause after a lost race is a random share of a ceiling that doubles per loss, up to 2 s', () => {
    expect([1, 2, 3, 10].map((lost) => racePause(lost, 1))).toEqual([100, 200, 400, 2000]);
    expect(racePause(5, 0)).toBe(0);
    expect(racePause(3, 0.5)).toBe(200);
  });
});

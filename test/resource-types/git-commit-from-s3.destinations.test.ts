import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CfnDriver } from '../../local/protocol';
import { checkDestination, SET_COMMAND } from '../../resource-types/git-commit-from-s3/src/destinations';
import { entrypoint } from '../../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/git-commit-from-s3/src/models';
import { repositoryLocation } from '../../resource-types/git-commit-from-s3/src/repository-url';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { commitsOf } from '../support/git-repos';
import { bucket, putObject } from '../support/s3-objects';

const allowed = (url: string, patterns: unknown) => {
  try {
    checkDestination(repositoryLocation(url, true), patterns === undefined ? undefined : { AllowedRepositoryUrls: patterns });
    return 'allowed';
  } catch (err) {
    return (err as { errorCode: string }).errorCode;
  }
};

describe('AllowedRepositoryUrls patterns', () => {
  test.each([
    ['https://github.com/my-org/config.git', ['https://github.com/my-org/*'], 'allowed'],
    ['https://GitHub.com/my-org/group/config.git', ['https://github.com/my-org/*'], 'allowed'], // the host compares normalised; * in a path spans /
    ['https://github.com/my-org-evil/config.git', ['https://github.com/my-org/*'], 'AccessDenied'],
    ['https://github.com/other/config.git', ['https://github.com/my-org/*'], 'AccessDenied'],
    ['https://github.com.evil.net/my-org/config.git', ['https://github.com/my-org/*'], 'AccessDenied'],
    ['https://github.com/my-org/../evil/config.git', ['https://github.com/my-org/*'], 'AccessDenied'], // the URL's path is resolved first
    ['http://github.com/my-org/config.git', ['https://github.com/my-org/*'], 'InvalidRequest'], // plain http off loopback never gets this far
    ['https://git.example.com/a.git', ['https://*.example.com/*'], 'allowed'],
    ['https://a.b.example.com/a.git', ['https://*.example.com/*'], 'AccessDenied'], // * in a host stops at a dot
    ['https://evil.net/x.example.com/a.git', ['https://*.example.com/*'], 'AccessDenied'],
    ['https://example.com.evil.net/a.git', ['https://*.example.com/*'], 'AccessDenied'],
    ['http://127.0.0.1:8080/r.git', ['http://127.0.0.1:*/*'], 'allowed'],
    ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config', ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config'], 'allowed'],
    ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config-prod', ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config'], 'AccessDenied'],
    ['https://github.com/my-org/config.git', [], 'AccessDenied'],
    ['https://github.com/my-org/config.git', undefined, 'AccessDenied'],
    ['https://github.com/my-org/config.git', 'https://github.com/my-org/*', 'InvalidTypeConfiguration'],
    ['https://github.com/my-org/config.git', ['github.com/my-org/*'], 'InvalidTypeConfiguration'],
  ])('%s with %j: %s', (url, patterns, outcome) => {
    expect(allowed(url, patterns)).toBe(outcome);
  });

  test('the denial names the URL, the setting, what is allowed now and the command that changes it', () => {
    expect(() => checkDestination(repositoryLocation('https://git.attacker.example/loot.git', false), null)).toThrow(
      `RepositoryUrl: 'https://git.attacker.example/loot.git' is not allowed by the ${TYPE_NAME} type configuration's AllowedRepositoryUrls (it allows no destination: none is set). The account admin allows it by adding a matching pattern: ${SET_COMMAND}`,
    );
    expect(SET_COMMAND).toBe(
      `aws cloudformation set-type-configuration --type RESOURCE --type-name Orch::Git::CommitFromS3 --configuration '{"AllowedRepositoryUrls":["https://github.com/my-org/*"]}'`,
    );
    expect(() => checkDestination(repositoryLocation('https://github.com/other/x.git', false), { AllowedRepositoryUrls: ['https://github.com/my-org/*'] })).toThrow(
      /\(it allows only https:\/\/github\.com\/my-org\/\*\)/,
    );
  });
});

describe('escalation: a stack author names a secret the role can read and a server of their own', () => {
  let git: GitFixture;
  let secretReads: jest.SpyInstance;
  beforeAll(async () => {
    git = await startGitFixture();
  });
  beforeEach(() => {
    secretReads = jest.spyOn(SecretsManagerClient.prototype, 'send');
  });
  afterEach(() => secretReads.mockRestore());
  afterAll(async () => git?.close());

  test.each([
    ['no type configuration (the default)', undefined],
    ['a type configuration that allows only the organisation', { AllowedRepositoryUrls: ['https://github.com/my-org/*'] }],
  ])('%s: AccessDenied before the secret is read, and nothing reaches the server', async (_what, typeConfiguration) => {
    const b = await bucket();
    await putObject(b, 'release/a.txt', 'a', { ContentType: 'text/plain' });
    // The fixture's server plays the author's: its secret is one the execution role may read.
    const repo = await git.repository(b);
    const before = git.server.requests.length;
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration, delayScale: 0.01 });

    const result = await d.create('Exfiltrate', repo.props);

    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ status: 'FAILED', errorCode: 'AccessDenied' });
    expect(result.message).toContain(`RepositoryUrl: '${repo.props.RepositoryUrl}' is not allowed by the ${TYPE_NAME} type configuration's AllowedRepositoryUrls`);
    expect(result.invocations).toHaveLength(1);
    expect(secretReads).not.toHaveBeenCalled();
    expect(git.server.requests.length).toBe(before);
    expect(await commitsOf(repo.path, 'main')).toEqual([]);
    expect((await d.list()).models!.filter((m) => m.Bucket === b)).toEqual([]);
  });

  test('an update to a repository the configuration does not allow fails the same way and pushes nothing', async () => {
    const b = await bucket();
    await putObject(b, 'release/a.txt', 'a', { ContentType: 'text/plain' });
    const allowedRepo = await git.repository(b);
    const otherRepo = await git.repository(b);
    const d = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration: { AllowedRepositoryUrls: [allowedRepo.props.RepositoryUrl] } });
    const created = await d.create('Publish', allowedRepo.props);
    expect(created.status).toBe('SUCCESS');
    secretReads.mockClear();

    const updated = await d.update('Publish', created.model!, allowedRepo.props, otherRepo.props);

    expect(updated).toMatchObject({ status: 'FAILED', errorCode: 'AccessDenied' });
    expect(updated.message).toContain(`'${otherRepo.props.RepositoryUrl}' is not allowed`);
    expect(secretReads).not.toHaveBeenCalled();
    expect(otherRepo.served()).toEqual([]);
    expect((await d.read('Publish', created.model!)).model).toEqual(created.model);
  });
});

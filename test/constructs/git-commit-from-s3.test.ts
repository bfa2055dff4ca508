/**
 * The GitCommitFromS3 construct: a repository URL with a Secrets Manager secret, or a CodeCommit repository that
 * brings its HTTPS clone URL and the CodeCommit provider; combinations that leave either unclear are refused.
 */
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Template } from 'aws-cdk-lib/assertions';
import { GitCommitFromS3, GitCommitFromS3Props } from '@cfn-orchestration/constructs';
import { singleResource } from './single-resource';
import { importedSecret, testStack } from './task-factories';

const TYPE = 'Orch::Git::CommitFromS3';
const URL = 'https://github.com/org/models.git';

function setup(props: Partial<GitCommitFromS3Props> & { withSecret?: boolean } = { withSecret: true }) {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Releases');
  const { withSecret, ...rest } = props;
  const commit = new GitCommitFromS3(stack, 'Release', {
    bucket,
    commitMessage: 'Release 42',
    ...(withSecret ? { repositoryUrl: URL, secret: importedSecret(stack) } : {}),
    ...rest,
  });
  return { stack, bucket, commit };
}

test('a repository URL with a secret renders the SecretsManager provider and the secret ARN, every prop under its schema name', () => {
  const { stack, bucket, commit } = setup({
    withSecret: true,
    prefix: 'releases/42/',
    branch: 'deploy',
    targetDirectory: 'models/prod',
    mirror: true,
    authorName: 'Release bot',
    authorEmail: 'bot@example.com',
    tag: 'v42',
    tagMessage: 'Model 42',
  });
  expect(singleResource(stack, TYPE).Properties).toEqual({
    Bucket: stack.resolve(bucket.bucketName),
    Prefix: 'releases/42/',
    RepositoryUrl: URL,
    Branch: 'deploy',
    TargetDirectory: 'models/prod',
    Mirror: true,
    CommitMessage: 'Release 42',
    AuthorName: 'Release bot',
    AuthorEmail: 'bot@example.com',
    Tag: 'v42',
    TagMessage: 'Model 42',
    Credentials: { Provider: 'SecretsManager', SecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-token-AbCdEf' },
  });
  expect(commit.repositoryUrl).toBe(URL);
});

test('a secret of the stack renders as its Ref', () => {
  const stack = testStack();
  const secret = new secretsmanager.Secret(stack, 'Token');
  new GitCommitFromS3(stack, 'Release', { bucket: new s3.Bucket(stack, 'B'), repositoryUrl: URL, secret, commitMessage: 'm' });
  expect(singleResource(stack, TYPE).Properties.Credentials).toEqual({ Provider: 'SecretsManager', SecretArn: stack.resolve(secret.secretArn) });
});

test('a CodeCommit repository sets the CodeCommit provider and its HTTPS clone URL', () => {
  const stack = testStack();
  const repository = new codecommit.Repository(stack, 'Config', { repositoryName: 'config' });
  const commit = new GitCommitFromS3(stack, 'Release', { bucket: new s3.Bucket(stack, 'B'), repository, commitMessage: 'm' });
  const { Properties } = singleResource(stack, TYPE);
  expect(Properties.RepositoryUrl).toEqual(stack.resolve(repository.repositoryCloneUrlHttp));
  expect(Properties.RepositoryUrl).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(repository.node.defaultChild as codecommit.CfnRepository), 'CloneUrlHttp'] });
  expect(Properties.Credentials).toEqual({ Provider: 'CodeCommit' });
  expect(stack.resolve(commit.repositoryUrl)).toEqual(Properties.RepositoryUrl);

  const imported = testStack();
  const byName = codecommit.Repository.fromRepositoryName(imported, 'Config', 'config');
  new GitCommitFromS3(imported, 'Release', { bucket: s3.Bucket.fromBucketName(imported, 'B', 'releases'), repository: byName, commitMessage: 'm' });
  const url = singleResource(imported, TYPE).Properties.RepositoryUrl;
  expect(url).toEqual(imported.resolve(byName.repositoryCloneUrlHttp));
  expect(JSON.stringify(url)).toMatch(/^\{"Fn::Join":\["",\["https:\/\/git-codecommit\.eu-west-1\.",\{"Ref":"AWS::URLSuffix"\},"\/v1\/repos\/config"\]\]\}$/);
});

test('the attributes are tokens of the resource; tagSha only with a tag', () => {
  const { stack, commit } = setup({ withSecret: true, tag: 'v1' });
  new ssm.StringParameter(stack, 'Sha', { stringValue: commit.commitSha });
  const logicalId = singleResource(stack, TYPE).logicalId;
  expect(stack.resolve(commit.commitId)).toEqual({ Ref: logicalId });
  expect(stack.resolve(commit.commitSha)).toEqual({ 'Fn::GetAtt': [logicalId, 'CommitSha'] });
  expect(stack.resolve(commit.tagSha)).toEqual({ 'Fn::GetAtt': [logicalId, 'TagSha'] });
  expect(stack.resolve(commit.filesAdded)).toEqual({ 'Fn::GetAtt': [logicalId, 'FilesAdded'] });
  expect(stack.resolve(commit.filesChanged)).toEqual({ 'Fn::GetAtt': [logicalId, 'FilesChanged'] });
  expect(stack.resolve(commit.filesRemoved)).toEqual({ 'Fn::GetAtt': [logicalId, 'FilesRemoved'] });
  Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [logicalId, 'CommitSha'] } });

  expect(() => setup().commit.tagSha).toThrow('Test/Release: tagSha exists only with a tag; set the tag prop');
});

describe('refused combinations, each naming the construct', () => {
  const withRepository = (more: Partial<GitCommitFromS3Props>) => () => {
    const stack = testStack();
    const repository = codecommit.Repository.fromRepositoryName(stack, 'R', 'config');
    return new GitCommitFromS3(stack, 'Release', { bucket: new s3.Bucket(stack, 'B'), repository, commitMessage: 'm', ...more });
  };

  test('both repository and repositoryUrl', () => {
    expect(withRepository({ repositoryUrl: URL })).toThrow('Test/Release: give repository or repositoryUrl, not both');
  });

  test('a repository with a secret', () => {
    expect(withRepository({ secret: importedSecret(testStack()) })).toThrow(
      'Test/Release: a CodeCommit repository authenticates with the execution role, not a secret',
    );
  });

  test('neither a repository nor a repositoryUrl', () => {
    expect(() => setup({})).toThrow('Test/Release: give repositoryUrl (with secret) or a CodeCommit repository');
  });

  test('a repositoryUrl with neither secret nor repository', () => {
    expect(() => setup({ repositoryUrl: URL })).toThrow('Test/Release: repositoryUrl needs a secret holding its credentials');
  });

  test('a URL with credentials, plain http, another scheme, or no URL at all', () => {
    const refused = (repositoryUrl: string, allowInsecureHttp?: boolean) => () => setup({ withSecret: true, repositoryUrl, allowInsecureHttp });
    expect(refused('https://user:pw@github.com/org/models.git')).toThrow(
      'Test/Release: repositoryUrl "https://user:pw@github.com/org/models.git": carries credentials; keep them in the secret',
    );
    expect(refused('http://git.example.com/models.git')).toThrow('uses http: and only https is supported');
    expect(refused('ssh://github.com/org/models.git')).toThrow('uses ssh: and only https is supported');
    expect(refused('github.com/org/models.git')).toThrow('Test/Release: repositoryUrl "github.com/org/models.git": is not a URL');
  });

  test('http with allowInsecureHttp passes (the handler keeps it to loopback), and a token URL is left to the handler', () => {
    const { stack } = setup({ withSecret: true, repositoryUrl: 'http://127.0.0.1:8080/models.git', allowInsecureHttp: true });
    expect(singleResource(stack, TYPE).Properties).toMatchObject({ RepositoryUrl: 'http://127.0.0.1:8080/models.git', AllowInsecureHttp: true });
    const tokenUrl = testStack();
    const url = new ssm.StringParameter(tokenUrl, 'Url', { stringValue: URL }).stringValue;
    new GitCommitFromS3(tokenUrl, 'Release', { bucket: new s3.Bucket(tokenUrl, 'B'), repositoryUrl: url, secret: importedSecret(tokenUrl), commitMessage: 'm' });
    expect(singleResource(tokenUrl, TYPE).Properties.RepositoryUrl).toEqual(tokenUrl.resolve(url));
  });
});

import { URL } from 'url';
import { Token } from 'aws-cdk-lib';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { CfnGitCommitFromS3, CfnGitCommitFromS3Credentials, CfnGitCommitFromS3CredentialsProvider } from './git-commit-from-s3.generated';
import { executeAfter, executeBefore } from './private/ordering';
import { checkedRunToken } from './private/run-token';

/** Properties of a GitCommitFromS3. */
export interface GitCommitFromS3Props {
  /**
   * The bucket holding the files to commit.
   *
   * Everything this resource does (listing and reading the bucket, reading the secret, pulling and pushing) runs
   * with the type's execution role, which the account admin set at registration, not with the stack's: this
   * construct grants nothing. The admin allows the bucket and prefix, the secret or the CodeCommit repository
   * through the registration scopes, and the repository URLs through the type's configuration.
   */
  readonly bucket: s3.IBucket;

  /**
   * Key prefix of the files to commit, such as `releases/42/`; a key's path below it is its path below
   * `targetDirectory` (a prefix without a trailing `/` is read as if it had one).
   *
   * @default the whole bucket
   */
  readonly prefix?: string;

  /**
   * HTTPS URL of a repository on any git host, such as `https://github.com/org/config.git`, without credentials;
   * `secret` holds them. Give this or `repository`.
   *
   * @default - `repository`'s HTTPS clone URL
   */
  readonly repositoryUrl?: string;

  /**
   * The Secrets Manager secret holding the credentials for `repositoryUrl`: JSON `{"username": ..., "password": ...}`
   * or `{"token": ...}` (HTTP Basic authentication). It is passed by ARN; the value never enters the template.
   * The type's execution role reads it, so the admin allows it at registration (and `kms:Decrypt` on a
   * customer-managed key); this construct grants nothing.
   *
   * @default - none; required with `repositoryUrl`
   */
  readonly secret?: secretsmanager.ISecret;

  /**
   * An AWS CodeCommit repository: the resource pushes to its HTTPS clone URL with CodeCommit's SigV4
   * authentication, derived from the type's execution role (which needs codecommit:GitPull and codecommit:GitPush
   * on it). Give this or `repositoryUrl` with `secret`.
   *
   * @default - `repositoryUrl` with `secret`
   */
  readonly repository?: codecommit.IRepository;

  /**
   * The branch to commit to; created from the repository's default branch when it does not exist.
   *
   * @default main
   */
  readonly branch?: string;

  /**
   * Directory of the repository the files go to, such as `deploy/prod`.
   *
   * @default the repository's root
   */
  readonly targetDirectory?: string;

  /**
   * Delete files under `targetDirectory` that are not under `prefix`, so the directory mirrors the prefix.
   *
   * @default false
   */
  readonly mirror?: boolean;

  /**
   * The commit message; the handler appends an Orch-Run trailer identifying the request, so a re-sent request
   * finds its commit instead of making a second one.
   */
  readonly commitMessage: string;

  /**
   * Author and committer name.
   *
   * @default cfn-orchestration
   */
  readonly authorName?: string;

  /**
   * Author and committer email.
   *
   * @default cfn-orchestration@users.noreply.github.com
   */
  readonly authorEmail?: string;

  /**
   * Name of an annotated tag to create on the commit (or on the branch head when nothing changed). An existing
   * tag on another commit fails the resource; tags are never moved.
   *
   * @default - no tag
   */
  readonly tag?: string;

  /**
   * Message of the annotated tag.
   *
   * @default the commit message
   */
  readonly tagMessage?: string;

  /**
   * Allow an `http://` repositoryUrl on a loopback host (127.0.0.0/8, ::1, localhost), for a local test server only.
   *
   * @default false
   */
  readonly allowInsecureHttp?: boolean;

  /**
   * Publish the prefix again on every deployment (which commits only when something changed): each synth writes
   * a new RunToken.
   *
   * Every synth then changes the template, so `cdk diff` always shows this resource as changed.
   *
   * @default false
   */
  readonly runAlways?: boolean;

  /**
   * Values whose change publishes the prefix again (an asset hash, a version string).
   *
   * Values known at synth become a digest, so the same values write the same RunToken; a token among them makes
   * the RunToken the values joined at deploy, which must stay within 256 characters.
   *
   * @default - the prefix is published again only when a property changes
   */
  readonly rerunOn?: string[];
}

/**
 * Commits the objects under an S3 prefix to a git repository and pushes (`Orch::Git::CommitFromS3`): one commit per
 * deployment at most, none when nothing changed.
 */
export class GitCommitFromS3 extends Construct {
  /** The resource's id, also its Ref. */
  public readonly commitId: string;

  /** The commit this deployment made, or the branch head when nothing changed. */
  public readonly commitSha: string;

  /** Files the commit added (0 when nothing changed). */
  public readonly filesAdded: number;

  /** Files the commit changed. */
  public readonly filesChanged: number;

  /** Files the commit removed (only with `mirror`). */
  public readonly filesRemoved: number;

  /** The URL the resource pushes to: `repositoryUrl`, or the CodeCommit repository's HTTPS clone URL. */
  public readonly repositoryUrl: string;

  private readonly resource: CfnGitCommitFromS3;
  private readonly tagName?: string;

  public constructor(scope: Construct, id: string, props: GitCommitFromS3Props) {
    super(scope, id);
    const { url, credentials } = this.remote(props);
    this.resource = new CfnGitCommitFromS3(this, 'Resource', {
      bucket: props.bucket.bucketName,
      prefix: props.prefix,
      repositoryUrl: url,
      allowInsecureHttp: props.allowInsecureHttp,
      branch: props.branch,
      targetDirectory: props.targetDirectory,
      mirror: props.mirror,
      commitMessage: props.commitMessage,
      authorName: props.authorName,
      authorEmail: props.authorEmail,
      tag: props.tag,
      tagMessage: props.tagMessage,
      runToken: checkedRunToken(this, props, 'publishes the prefix'),
      credentials,
    });
    this.tagName = props.tag;
    this.repositoryUrl = url;
    this.commitId = this.resource.ref;
    this.commitSha = this.resource.attrCommitSha;
    this.filesAdded = this.resource.attrFilesAdded;
    this.filesChanged = this.resource.attrFilesChanged;
    this.filesRemoved = this.resource.attrFilesRemoved;
  }

  /** The annotated tag object's id; only a resource with `tag` has one. */
  public get tagSha(): string {
    if (this.tagName === undefined) throw new Error(`${this.node.path}: tagSha exists only with a tag; set the tag prop`);
    return this.resource.attrTagSha;
  }

  /**
   * Commits after every resource of `others` (such as the deployment that writes the prefix): DependsOn.
   *
   * @param others constructs whose resources must be created (or updated) first
   */
  public executeAfter(...others: IConstruct[]): GitCommitFromS3 {
    executeAfter(this, others);
    return this;
  }

  /**
   * Runs every resource of `others` after this commit: DependsOn.
   *
   * @param others constructs whose resources wait for this commit
   */
  public executeBefore(...others: IConstruct[]): GitCommitFromS3 {
    executeBefore(this, others);
    return this;
  }

  /** The URL and credentials for the repository props, refusing combinations that leave either unclear. */
  private remote(props: GitCommitFromS3Props): { url: string; credentials: CfnGitCommitFromS3Credentials } {
    const fail = (why: string): never => {
      throw new Error(`${this.node.path}: ${why}`);
    };
    if (props.repository) {
      if (props.repositoryUrl !== undefined) fail('give repository or repositoryUrl, not both (a CodeCommit repository brings its own URL)');
      if (props.secret) {
        fail('a CodeCommit repository authenticates with the execution role, not a secret; for CodeCommit Git credentials in a secret, give repositoryUrl: repository.repositoryCloneUrlHttp with secret');
      }
      return { url: props.repository.repositoryCloneUrlHttp, credentials: { provider: CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT } };
    }
    if (props.repositoryUrl === undefined) return fail('give repositoryUrl (with secret) or a CodeCommit repository');
    if (!props.secret) return fail('repositoryUrl needs a secret holding its credentials (or give a CodeCommit repository instead)');
    const why = Token.isUnresolved(props.repositoryUrl) ? undefined : unsafeUrl(props.repositoryUrl, props.allowInsecureHttp ?? false);
    if (why) fail(`repositoryUrl ${JSON.stringify(props.repositoryUrl)}: ${why}`);
    return {
      url: props.repositoryUrl,
      credentials: { provider: CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secretArn: props.secret.secretArn },
    };
  }
}

/**
 * Why the handler would refuse `url`, found at synth rather than mid-deployment: credentials in it, or a scheme
 * other than https (http only with allowInsecureHttp; the handler also checks the host is loopback).
 */
function unsafeUrl(url: string, allowInsecureHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.username || parsed.password) return 'carries credentials; keep them in the secret';
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && allowInsecureHttp)) return undefined;
  return `uses ${parsed.protocol} and only https is supported`;
}

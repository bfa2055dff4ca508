// Generated from resource-types/git-commit-from-s3/orch-git-commitfroms3.json by `npm run generate` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Properties of CfnGitCommitFromS3 (`Orch::Git::CommitFromS3`).
 *
 * @schema CfnGitCommitFromS3Props
 */
export interface CfnGitCommitFromS3Props {
  /**
   * The S3 bucket holding the files to commit.
   *
   * @schema CfnGitCommitFromS3Props#Bucket
   */
  readonly bucket: string;

  /**
   * Key prefix of the files to commit, such as releases/42/. A key's path below the prefix is its path below TargetDirectory. A prefix that does not end in / is read as if it did. Defaults to the whole bucket.
   *
   * @default the whole bucket.
   * @schema CfnGitCommitFromS3Props#Prefix
   */
  readonly prefix?: string;

  /**
   * HTTPS URL of the repository, such as https://github.com/org/config.git or https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config. It must not carry credentials.
   *
   * @schema CfnGitCommitFromS3Props#RepositoryUrl
   */
  readonly repositoryUrl: string;

  /**
   * Allows an http:// RepositoryUrl, and only on a loopback host (127.0.0.0/8, ::1, localhost), for a local test server. Defaults to false; never use it for a real repository.
   *
   * @default false; never use it for a real repository.
   * @schema CfnGitCommitFromS3Props#AllowInsecureHttp
   */
  readonly allowInsecureHttp?: boolean;

  /**
   * The branch to commit to. When it does not exist it is created from the repository's default branch (or as the first branch of an empty repository). Defaults to main.
   *
   * @default main.
   * @schema CfnGitCommitFromS3Props#Branch
   */
  readonly branch?: string;

  /**
   * Directory of the repository the files go to, such as deploy/prod. Defaults to the repository's root.
   *
   * @default the repository's root.
   * @schema CfnGitCommitFromS3Props#TargetDirectory
   */
  readonly targetDirectory?: string;

  /**
   * When true, files under TargetDirectory that are not under Prefix are deleted, so the directory mirrors the prefix. When false (the default) they are kept.
   *
   * @schema CfnGitCommitFromS3Props#Mirror
   */
  readonly mirror?: boolean;

  /**
   * The commit message. The handler appends an Orch-Run trailer that identifies the request, which is how a re-sent request finds its commit instead of making a second one.
   *
   * @schema CfnGitCommitFromS3Props#CommitMessage
   */
  readonly commitMessage: string;

  /**
   * Author and committer name. Defaults to cfn-orchestration.
   *
   * @default cfn-orchestration.
   * @schema CfnGitCommitFromS3Props#AuthorName
   */
  readonly authorName?: string;

  /**
   * Author and committer email. Defaults to cfn-orchestration@users.noreply.github.com.
   *
   * @default cfn-orchestration@users.noreply.github.com.
   * @schema CfnGitCommitFromS3Props#AuthorEmail
   */
  readonly authorEmail?: string;

  /**
   * Name of an annotated tag to create on the commit (or on the branch head when nothing changed). An existing tag on another commit is a ResourceConflict; tags are never moved.
   *
   * @schema CfnGitCommitFromS3Props#Tag
   */
  readonly tag?: string;

  /**
   * Message of the annotated tag. Defaults to the commit message.
   *
   * @default the commit message.
   * @schema CfnGitCommitFromS3Props#TagMessage
   */
  readonly tagMessage?: string;

  /**
   * Any string; changing it publishes the prefix again (which commits only if something changed).
   *
   * @schema CfnGitCommitFromS3Props#RunToken
   */
  readonly runToken?: string;

  /**
   * @schema CfnGitCommitFromS3Props#Credentials
   */
  readonly credentials: CfnGitCommitFromS3Credentials;
}

/**
 * Converts an object of type 'CfnGitCommitFromS3Props' to JSON representation.
 * @internal
 */
export function toJson_CfnGitCommitFromS3Props(obj: CfnGitCommitFromS3Props | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'Bucket': obj.bucket,
    'Prefix': obj.prefix,
    'RepositoryUrl': obj.repositoryUrl,
    'AllowInsecureHttp': obj.allowInsecureHttp,
    'Branch': obj.branch,
    'TargetDirectory': obj.targetDirectory,
    'Mirror': obj.mirror,
    'CommitMessage': obj.commitMessage,
    'AuthorName': obj.authorName,
    'AuthorEmail': obj.authorEmail,
    'Tag': obj.tag,
    'TagMessage': obj.tagMessage,
    'RunToken': obj.runToken,
    'Credentials': toJson_CfnGitCommitFromS3Credentials(obj.credentials),
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * How the handler authenticates to the repository. Secrets are given by reference only.
 *
 * @schema CfnGitCommitFromS3Credentials
 */
export interface CfnGitCommitFromS3Credentials {
  /**
   * SecretsManager: a Secrets Manager secret holding JSON {"username": ..., "password": ...} or {"token": ...} (HTTP Basic authentication). CodeCommit: AWS CodeCommit's SigV4-signed HTTPS authentication derived from the handler's own credentials (needs codecommit:GitPull and codecommit:GitPush on the repository).
   *
   * @schema CfnGitCommitFromS3Credentials#Provider
   */
  readonly provider: CfnGitCommitFromS3CredentialsProvider;

  /**
   * ARN of the Secrets Manager secret, for the SecretsManager provider.
   *
   * @schema CfnGitCommitFromS3Credentials#SecretArn
   */
  readonly secretArn?: string;
}

/**
 * Converts an object of type 'CfnGitCommitFromS3Credentials' to JSON representation.
 * @internal
 */
export function toJson_CfnGitCommitFromS3Credentials(obj: CfnGitCommitFromS3Credentials | undefined): Record<string, any> | undefined {
  if (obj === undefined) { return undefined; }
  const result = {
    'Provider': obj.provider,
    'SecretArn': obj.secretArn,
  };
  // filter undefined values
  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/**
 * SecretsManager: a Secrets Manager secret holding JSON {"username": ..., "password": ...} or {"token": ...} (HTTP Basic authentication). CodeCommit: AWS CodeCommit's SigV4-signed HTTPS authentication derived from the handler's own credentials (needs codecommit:GitPull and codecommit:GitPush on the repository).
 *
 * @schema CfnGitCommitFromS3CredentialsProvider
 */
export enum CfnGitCommitFromS3CredentialsProvider {
  /** SecretsManager */
  SECRETS_MANAGER = "SecretsManager",
  /** CodeCommit */
  CODE_COMMIT = "CodeCommit",
}

/**
 * Commits the objects under an S3 prefix to a directory of a git repository branch over HTTPS, with an optional annotated tag, and pushes: one commit per request at most, none when nothing changed. Delete leaves the repository's history as it is.
 *
 * The L1 class of the registry type `Orch::Git::CommitFromS3`, which must be registered in the account.
 *
 * @cloudformationResource Orch::Git::CommitFromS3
 */
export class CfnGitCommitFromS3 extends cdk.CfnResource {
  /** The CloudFormation resource type name of this resource class. */
  public static readonly CFN_RESOURCE_TYPE_NAME = "Orch::Git::CommitFromS3";

  /** The props this resource was created with. */
  public readonly props: CfnGitCommitFromS3Props;

  /**
   * Identifier of this commit resource, generated on create. Also the resource's Ref value.
   *
   * @cloudformationAttribute Id
   */
  public readonly attrId: string;

  /**
   * The commit this request made, or the branch head when nothing changed.
   *
   * @cloudformationAttribute CommitSha
   */
  public readonly attrCommitSha: string;

  /**
   * The annotated tag object's id, when Tag is set.
   *
   * @cloudformationAttribute TagSha
   */
  public readonly attrTagSha: string;

  /**
   * Files this request's commit added (0 when nothing changed).
   *
   * @cloudformationAttribute FilesAdded
   */
  public readonly attrFilesAdded: number;

  /**
   * Files this request's commit changed.
   *
   * @cloudformationAttribute FilesChanged
   */
  public readonly attrFilesChanged: number;

  /**
   * Files this request's commit removed (only with Mirror).
   *
   * @cloudformationAttribute FilesRemoved
   */
  public readonly attrFilesRemoved: number;

  public constructor(scope: Construct, id: string, props: CfnGitCommitFromS3Props) {
    super(scope, id, { type: CfnGitCommitFromS3.CFN_RESOURCE_TYPE_NAME, properties: toJson_CfnGitCommitFromS3Props(props) });
    this.props = props;
    this.attrId = cdk.Token.asString(this.getAtt("Id", cdk.ResolutionTypeHint.STRING));
    this.attrCommitSha = cdk.Token.asString(this.getAtt("CommitSha", cdk.ResolutionTypeHint.STRING));
    this.attrTagSha = cdk.Token.asString(this.getAtt("TagSha", cdk.ResolutionTypeHint.STRING));
    this.attrFilesAdded = cdk.Token.asNumber(this.getAtt("FilesAdded", cdk.ResolutionTypeHint.NUMBER));
    this.attrFilesChanged = cdk.Token.asNumber(this.getAtt("FilesChanged", cdk.ResolutionTypeHint.NUMBER));
    this.attrFilesRemoved = cdk.Token.asNumber(this.getAtt("FilesRemoved", cdk.ResolutionTypeHint.NUMBER));
  }
}

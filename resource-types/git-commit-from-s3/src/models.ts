// Generated from orch-git-commitfroms3.json by `npm run generate`. Do not edit: change the schema and regenerate.

export const TYPE_NAME = "Orch::Git::CommitFromS3";
export const PRIMARY_IDENTIFIER = ["Id"] as const;
export const READ_ONLY_PROPERTIES = ["Id","CommitSha","TagSha","FilesAdded","FilesChanged","FilesRemoved"] as const;
export const WRITE_ONLY_PROPERTIES = [] as const;

/**
 * Commits the objects under an S3 prefix to a directory of a git repository branch over HTTPS, with an optional annotated tag, and pushes: one commit per request at most, none when nothing changed. Delete leaves the repository's history as it is.
 */
export interface ResourceProperties {
  /**
   * Identifier of this commit resource, generated on create. Also the resource's Ref value.
   */
  Id?: string;
  /**
   * The S3 bucket holding the files to commit.
   */
  Bucket: string;
  /**
   * Key prefix of the files to commit, such as releases/42/. A key's path below the prefix is its path below TargetDirectory. A prefix that does not end in / is read as if it did. Defaults to the whole bucket.
   */
  Prefix?: string;
  /**
   * HTTPS URL of the repository, such as https://github.com/org/config.git or https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config. It must not carry credentials.
   */
  RepositoryUrl: string;
  /**
   * Allows an http:// RepositoryUrl, and only on a loopback host (127.0.0.0/8, ::1, localhost), for a local test server. Defaults to false; never use it for a real repository.
   */
  AllowInsecureHttp?: boolean;
  /**
   * The branch to commit to. When it does not exist it is created from the repository's default branch (or as the first branch of an empty repository). Defaults to main.
   */
  Branch?: string;
  /**
   * Directory of the repository the files go to, such as deploy/prod. Defaults to the repository's root.
   */
  TargetDirectory?: string;
  /**
   * When true, files under TargetDirectory that are not under Prefix are deleted, so the directory mirrors the prefix. When false (the default) they are kept.
   */
  Mirror?: boolean;
  /**
   * The commit message. The handler appends an Orch-Run trailer that identifies the request, which is how a re-sent request finds its commit instead of making a second one.
   */
  CommitMessage: string;
  /**
   * Author and committer name. Defaults to cfn-orchestration.
   */
  AuthorName?: string;
  /**
   * Author and committer email. Defaults to cfn-orchestration@users.noreply.github.com.
   */
  AuthorEmail?: string;
  /**
   * Name of an annotated tag to create on the commit (or on the branch head when nothing changed). An existing tag on another commit is a ResourceConflict; tags are never moved.
   */
  Tag?: string;
  /**
   * Message of the annotated tag. Defaults to the commit message.
   */
  TagMessage?: string;
  /**
   * Any string; changing it publishes the prefix again (which commits only if something changed).
   */
  RunToken?: string;
  Credentials: Credentials;
  /**
   * The commit this request made, or the branch head when nothing changed.
   */
  CommitSha?: string;
  /**
   * The annotated tag object's id, when Tag is set.
   */
  TagSha?: string;
  /**
   * Files this request's commit added (0 when nothing changed).
   */
  FilesAdded?: number;
  /**
   * Files this request's commit changed.
   */
  FilesChanged?: number;
  /**
   * Files this request's commit removed (only with Mirror).
   */
  FilesRemoved?: number;
}
/**
 * How the handler authenticates to the repository. Secrets are given by reference only.
 */
export interface Credentials {
  /**
   * SecretsManager: a Secrets Manager secret holding JSON {"username": ..., "password": ...} or {"token": ...} (HTTP Basic authentication). CodeCommit: AWS CodeCommit's SigV4-signed HTTPS authentication derived from the handler's own credentials (needs codecommit:GitPull and codecommit:GitPush on the repository).
   */
  Provider: 'SecretsManager' | 'CodeCommit';
  /**
   * ARN of the Secrets Manager secret, for the SecretsManager provider.
   */
  SecretArn?: string;
}

/**
 * Set by the account admin with SetTypeConfiguration (aws cloudformation set-type-configuration, or npm run register with a scopes file); not by stack authors. Without it the type pushes nowhere.
 */
export interface TypeConfiguration {
  /**
   * URL patterns of the repositories the type may push to, such as https://github.com/my-org/*. In the path, * matches any characters; in the host and port, * matches letters, digits and - only (https://*.example.com/* matches https://git.example.com/a.git, not https://evil.net/x.example.com/). Scheme, host and path are compared after URL normalisation; a RepositoryUrl no pattern matches fails with AccessDenied.
   */
  AllowedRepositoryUrls?: string[];
}

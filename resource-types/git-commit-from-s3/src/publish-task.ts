import { S3Client } from '@aws-sdk/client-s3';
import { Attributes, idempotentAttempt, INVOCATION_BUDGET_SECONDS, invalidRequest, WorkContext } from '../../../runtime';
import schema from '../orch-git-commitfroms3.json';
import { gitCredentials } from './credentials';
import { OutOfTime } from './out-of-time';
import { publish, PublishResult } from './publish';
import { repositoryLocation } from './repository-url';
import { ResourceProperties } from './models';
import { checkPath, folderPrefix, listSource, readSourceFile } from './source-files';

export const DEFAULT_BRANCH = 'main';
export const DEFAULT_AUTHOR = { name: 'cfn-orchestration', email: 'cfn-orchestration@users.noreply.github.com' };

/**
 * How long a publication may run before its push must have started, from the start of its poll: the push, the
 * record and the library's log drain fit in the rest of the 60-second budget.
 */
export const PUBLISH_SECONDS = INVOCATION_BUDGET_SECONDS.mutating - 25;

/**
 * How far back a re-sent request looks for the commit an earlier attempt of it pushed: the handler's whole
 * timeout, plus a margin for CloudFormation's scheduling and the clocks of the machines that committed.
 */
const SEARCH_BACK_MS = (schema.handlers.create.timeoutInMinutes + 15) * 60_000;

/**
 * The work is one publication, attempted whole in an invocation (from the first one on) until an attempt ends
 * before the invocation's time is up: a re-send, or a handler that died after pushing, finds its commit by the
 * run's trailer, and an attempt out of time has pushed nothing. Credentials and AllowInsecureHttp change how, not
 * what, is published. `publishSeconds` is PUBLISH_SECONDS but for tests of the hand-over when time runs out.
 */
export const publicationWith = ({ publishSeconds }: { publishSeconds: number }) =>
  idempotentAttempt<ResourceProperties>({
    rerunOn: ['Bucket', 'Prefix', 'RepositoryUrl', 'Branch', 'TargetDirectory', 'Mirror', 'CommitMessage', 'AuthorName', 'AuthorEmail', 'Tag', 'TagMessage', 'RunToken'],

    namePrefix: (_props, logicalId) => logicalId ?? 'Commit',

    giveUpAdvice: 'Publish fewer or smaller files per resource.',

    async attempt(ctx, run) {
      const deadline = Date.now() + publishSeconds * 1000;
      try {
        const result = await publish(await publishOptions(ctx, run.name, run.startedAt, deadline));
        return { done: true, outcome: { ok: true, attributes: attributesOf(result) } };
      } catch (err) {
        if (err instanceof OutOfTime) return { done: false }; // nothing was pushed; the next invocation starts over
        throw err;
      }
    },
  });

export const publication = publicationWith({ publishSeconds: PUBLISH_SECONDS });

/** Everything a publication needs, each input checked, read and listed once: a mistake fails before any git traffic. */
async function publishOptions(ctx: WorkContext<ResourceProperties>, runName: string, startedAt: number, deadline: number) {
  const p = ctx.props;
  const target = targetDirectory(p);
  const repository = repositoryLocation(p.RepositoryUrl, p.AllowInsecureHttp === true);
  const auth = await gitCredentials(ctx, repository);
  const s3 = ctx.clients.get(S3Client);
  const message = p.CommitMessage;
  return {
    url: repository.url,
    auth,
    branch: p.Branch ?? DEFAULT_BRANCH,
    targetDirectory: target,
    mirror: p.Mirror === true,
    message,
    author: { name: p.AuthorName ?? DEFAULT_AUTHOR.name, email: p.AuthorEmail ?? DEFAULT_AUTHOR.email },
    tag: p.Tag ? { name: p.Tag, message: p.TagMessage ?? message } : undefined,
    runName,
    files: await listSource(s3, p.Bucket, folderPrefix(p.Prefix)),
    read: (file: Parameters<typeof readSourceFile>[2]) => readSourceFile(s3, p.Bucket, file),
    searchSince: startedAt - SEARCH_BACK_MS,
    deadline,
  };
}

/** '' for the root; no leading or trailing '/', and nothing that leaves the repository or enters .git. */
export function targetDirectory(props: Pick<ResourceProperties, 'TargetDirectory'>): string {
  const dir = (props.TargetDirectory ?? '').replace(/^\/+|\/+$/g, '');
  if (dir) checkPath(dir, 'TargetDirectory');
  if (dir.length > 1024) throw invalidRequest('TargetDirectory: longer than 1024 characters');
  return dir;
}

function attributesOf(result: PublishResult): Attributes<ResourceProperties> {
  return { CommitSha: result.commitSha, TagSha: result.tagSha, FilesAdded: result.added, FilesChanged: result.changed, FilesRemoved: result.removed };
}

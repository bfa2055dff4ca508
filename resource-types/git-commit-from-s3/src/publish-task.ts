import { S3Client } from '@aws-sdk/client-s3';
import { INVOCATION_BUDGET_SECONDS, invalidRequest, Props, TaskAdapter, WorkContext } from '../../../runtime';
import schema from '../orch-git-commitfroms3.json';
import { gitCredentials } from './credentials';
import { OutOfTime } from './out-of-time';
import { publish, PublishResult } from './publish';
import { repositoryLocation } from './repository-url';
import { checkPath, folderPrefix, listSource, readSourceFile } from './source-files';

export interface PublishWork {
  /** The request-scoped name the commit's trailer carries. */
  readonly runName: string;
  /** When the request was first seen: an earlier push of it can only be younger than its handler timeout. */
  readonly startedAt: number;
}

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
 * The work is one publication, attempted whole in an invocation: a re-send, or a handler that died after pushing,
 * finds its commit by trailer. Credentials and AllowInsecureHttp change how, not what, is published.
 * `publishSeconds` is PUBLISH_SECONDS but for tests of the hand-over when time runs out.
 */
export const publishAdapterWith = ({ publishSeconds }: { publishSeconds: number }): TaskAdapter<PublishWork> => ({
  rerunOn: ['Bucket', 'Prefix', 'RepositoryUrl', 'Branch', 'TargetDirectory', 'Mirror', 'CommitMessage', 'AuthorName', 'AuthorEmail', 'Tag', 'TagMessage', 'RunToken'],

  namePrefix: (_props, logicalId) => logicalId ?? 'Commit',

  // A pushed commit is history: delete leaves it, and there is nothing running to stop.
  stopOnDelete: () => false,

  async stop() {},

  /** Checks what can be checked before any git traffic, so that a mistake fails the first invocation. */
  async start(ctx, runName) {
    targetDirectory(ctx.props);
    const repository = repositoryLocation(ctx.props.RepositoryUrl as string, ctx.props.AllowInsecureHttp === true);
    await gitCredentials(ctx, repository);
    await listSource(ctx.clients.get(S3Client), ctx.props.Bucket as string, folderPrefix(ctx.props.Prefix as string | undefined));
    return { work: { runName, startedAt: Date.now() }, attributes: {} };
  },

  async poll(ctx, work) {
    const deadline = Date.now() + publishSeconds * 1000;
    try {
      const result = await publish(await publishOptions(ctx, work, deadline));
      return { done: true, result: { ok: true, attributes: attributesOf(result) } };
    } catch (err) {
      if (err instanceof OutOfTime) return { done: false }; // nothing was pushed; the next invocation starts over
      throw err;
    }
  },
});

export const publishAdapter = publishAdapterWith({ publishSeconds: PUBLISH_SECONDS });

async function publishOptions(ctx: WorkContext, work: PublishWork, deadline: number) {
  const p = ctx.props;
  const repository = repositoryLocation(p.RepositoryUrl as string, p.AllowInsecureHttp === true);
  const s3 = ctx.clients.get(S3Client);
  const bucket = p.Bucket as string;
  const message = p.CommitMessage as string;
  return {
    url: repository.url,
    auth: await gitCredentials(ctx, repository),
    branch: (p.Branch as string | undefined) ?? DEFAULT_BRANCH,
    targetDirectory: targetDirectory(p),
    mirror: p.Mirror === true,
    message,
    author: { name: (p.AuthorName as string | undefined) ?? DEFAULT_AUTHOR.name, email: (p.AuthorEmail as string | undefined) ?? DEFAULT_AUTHOR.email },
    tag: p.Tag ? { name: p.Tag as string, message: (p.TagMessage as string | undefined) ?? message } : undefined,
    runName: work.runName,
    files: await listSource(s3, bucket, folderPrefix(p.Prefix as string | undefined)),
    read: (file: Parameters<typeof readSourceFile>[2]) => readSourceFile(s3, bucket, file),
    searchSince: work.startedAt - SEARCH_BACK_MS,
    deadline,
  };
}

/** '' for the root; no leading or trailing '/', and nothing that leaves the repository or enters .git. */
export function targetDirectory(props: Props): string {
  const dir = ((props.TargetDirectory as string | undefined) ?? '').replace(/^\/+|\/+$/g, '');
  if (dir) checkPath(dir, 'TargetDirectory');
  if (dir.length > 1024) throw invalidRequest('TargetDirectory: longer than 1024 characters');
  return dir;
}

function attributesOf(result: PublishResult): Props {
  return { CommitSha: result.commitSha, TagSha: result.tagSha, FilesAdded: result.added, FilesChanged: result.changed, FilesRemoved: result.removed };
}

import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../../runtime';
import { GitAuth } from './credentials';
import { mapGitError } from './git-errors';
import { SourceFile } from './source-files';
import { OutOfTime } from './out-of-time';
import { Remote } from './remote';
import { findRun, runTrailers } from './run-trailer';
import { stage } from './stage';
import { replaceDirectory, Repo } from './tree-edit';

export interface PublishOptions {
  readonly url: string;
  readonly auth: GitAuth;
  readonly branch: string;
  /** '' for the repository's root. */
  readonly targetDirectory: string;
  readonly mirror: boolean;
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly tag?: { readonly name: string; readonly message: string };
  /** Names this request in the commit's trailer: the same for every re-send of it. */
  readonly runName: string;
  readonly files: readonly SourceFile[];
  readonly read: (file: SourceFile) => Promise<Uint8Array>;
  /** No commit older than this (ms since the epoch) can be this request's, so the search for it stops there. */
  readonly searchSince: number;
  /** No push starts after this (ms since the epoch): the invocation must end within its budget. */
  readonly deadline: number;
}

export interface PublishResult {
  readonly commitSha: string;
  readonly tagSha?: string;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** Pushes that lost a race with another writer, re-applied on the new head, before giving up. */
export const MAX_PUSH_ATTEMPTS = 5;

/**
 * Commits the files to the branch and pushes, in a scratch repository that holds only what the commit needs: the
 * branch head's objects (a depth-1 fetch), and blobs for the files that differ. A request whose commit is already
 * on the branch (found by its trailer) is reported, not repeated; a commit that would change nothing is not made.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const gitdir = await mkdtemp(join(tmpdir(), 'orch-git-'));
  const repo: Repo = { gitdir, cache: {} };
  const remote = new Remote(repo, options);
  try {
    await git.init({ fs, gitdir, bare: true, defaultBranch: options.branch });
    await git.addRemote({ fs, gitdir, remote: 'origin', url: options.url });
    let staged: Map<string, string> | undefined;
    let result: PublishResult | undefined;
    for (let attempt = 1; !result; attempt++) {
      const base = await remote.fetchBase();
      const earlier = base.onBranch ? await findRun(repo, remote, base.oid!, options.runName, options.searchSince) : undefined;
      if (earlier) {
        result = earlier;
        break;
      }
      staged ??= await stage(repo, options, base.oid);
      const baseTree = base.oid ? (await git.readCommit({ fs, gitdir, oid: base.oid, cache: repo.cache })).commit.tree : undefined;
      const change = await replaceDirectory(repo, baseTree, options.targetDirectory, staged, options.mirror);
      let commitSha = base.oid;
      if (!commitSha || change.tree !== baseTree) {
        commitSha = await git.commit({
          fs,
          gitdir,
          cache: repo.cache,
          message: `${options.message.trimEnd()}\n\n${runTrailers(options.runName, change)}\n`,
          author: options.author,
          committer: options.author,
          tree: change.tree,
          parent: base.oid ? [base.oid] : [],
          noUpdateBranch: true,
        });
      }
      if (Date.now() > options.deadline) throw new OutOfTime();
      if (commitSha === base.oid && base.onBranch) {
        result = { commitSha, added: 0, changed: 0, removed: 0 }; // nothing changed and the branch exists: no push
      } else if (await remote.pushBranch(commitSha!)) {
        const { added, changed, removed } = commitSha === base.oid ? { added: 0, changed: 0, removed: 0 } : change;
        result = { commitSha: commitSha!, added, changed, removed };
      } else if (attempt >= MAX_PUSH_ATTEMPTS) {
        throw handlerError(
          HandlerErrorCode.ResourceConflict,
          `Branch: other writers pushed to branch '${options.branch}' of repository '${options.url}' during each of ${MAX_PUSH_ATTEMPTS} attempts; nothing was pushed`,
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * Math.random()));
      }
    }
    if (!options.tag) return result;
    return { ...result, tagSha: await remote.tag(result.commitSha, options.tag) };
  } catch (err) {
    if (err instanceof OutOfTime) throw err;
    throw mapGitError(err, options.url);
  } finally {
    await rm(gitdir, { recursive: true, force: true });
  }
}

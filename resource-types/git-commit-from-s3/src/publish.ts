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
import { ZERO_OID, RefUpdate } from './receive-pack';
import { findRun, parseTrailers, runTrailers } from './run-trailer';
import { stage } from './stage';
import { DirectoryChange, replaceDirectory, Repo } from './tree-edit';

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

const NO_CHANGE = { added: 0, changed: 0, removed: 0 };

/**
 * The pause after an attempt that lost a race, in ms: "full jitter" (a random share of a ceiling that doubles per
 * lost attempt), so that writers who collided spread out instead of colliding again in step.
 */
const FIRST_PAUSE_MS = 50;
const MAX_PAUSE_MS = 2_000;
export const racePause = (lost: number, random = Math.random()): number => random * Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** lost);

/**
 * Commits the files to the branch and pushes, in a scratch repository that holds only what the commit needs: the
 * branch head's objects (a depth-1 fetch), and blobs for the files that differ. A request whose commit is already
 * on the branch (found by its trailer) is reported, not repeated; a commit that would change nothing is not made.
 *
 * Everything the server's refs can refuse is checked before anything is pushed: a tag on another commit fails the
 * request while the branch is untouched, and branch and tag then move in one push (see Remote.publish). A push that
 * lost a race with another writer is re-applied on the new head, for as long as the deadline allows.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const gitdir = await mkdtemp(join(tmpdir(), 'orch-git-'));
  const repo: Repo = { gitdir, cache: {} };
  const remote = new Remote(repo, options);
  const began = Date.now();
  try {
    await git.init({ fs, gitdir, bare: true, defaultBranch: options.branch });
    await git.addRemote({ fs, gitdir, remote: 'origin', url: options.url });
    let staged: Map<string, string> | undefined;
    for (let lost = 0; ; ) {
      const base = await remote.fetchBase();
      // Only the first attempt can find an earlier push of this request: every later one follows a push the
      // server refused, and CloudFormation never runs two invocations of one request at once.
      const earlier = lost === 0 && base.onBranch ? await findRun(repo, remote, base.oid!, options.runName, options.searchSince) : undefined;
      const tag = options.tag && (await tagOnServer(remote, options, options.tag.name, [earlier?.commitSha ?? base.oid]));

      let result: PublishResult;
      let branch: RefUpdate | undefined;
      if (earlier) {
        result = earlier;
      } else {
        staged ??= await stage(repo, options, base.oid);
        const baseTree = base.oid ? (await git.readCommit({ fs, gitdir, oid: base.oid, cache: repo.cache })).commit.tree : undefined;
        const change = await replaceDirectory(repo, baseTree, options.targetDirectory, staged, options.mirror);
        if (base.onBranch && change.tree === baseTree) {
          result = { commitSha: base.oid!, ...NO_CHANGE }; // nothing changed and the branch exists: no commit
        } else {
          const commitSha = change.tree === baseTree ? base.oid! : await commit(repo, options, change, base.oid);
          const { added, changed, removed } = commitSha === base.oid ? NO_CHANGE : change; // a new branch at the base commit
          result = { commitSha, added, changed, removed };
          branch = { ref: `refs/heads/${options.branch}`, old: base.onBranch ? base.oid! : ZERO_OID, new: commitSha };
        }
      }
      let tagUpdate: RefUpdate | undefined;
      if (options.tag && tag?.commit === result.commitSha) {
        result = { ...result, tagSha: tag.oid };
      } else if (options.tag) {
        if (tag && !tag.ours) throw tagConflict(options, options.tag.name, tag.commit); // the tag is on the base, and this is a new commit
        tagUpdate = { ref: `refs/tags/${options.tag.name}`, old: tag?.oid ?? ZERO_OID, new: await annotatedTag(repo, options, options.tag, result.commitSha) };
        result = { ...result, tagSha: tagUpdate.new };
      }
      if (!branch && !tagUpdate) return result;
      if (Date.now() > options.deadline) throw lost ? kept(options, lost, began) : new OutOfTime();
      if ((await remote.publish({ base: base.oid, branch, tag: tagUpdate })) === 'published') return result;
      const pause = racePause(++lost);
      if (Date.now() + pause > options.deadline) throw kept(options, lost, began);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  } catch (err) {
    if (err instanceof OutOfTime) throw err;
    throw mapGitError(err, options.url);
  } finally {
    await rm(gitdir, { recursive: true, force: true });
  }
}

async function commit(repo: Repo, options: PublishOptions, change: DirectoryChange, parent: string | undefined): Promise<string> {
  return git.commit({
    fs,
    gitdir: repo.gitdir,
    cache: repo.cache,
    message: `${options.message.trimEnd()}\n\n${runTrailers(options.runName, change)}\n`,
    author: options.author,
    committer: options.author,
    tree: change.tree,
    parent: parent ? [parent] : [],
    noUpdateBranch: true,
  });
}

async function annotatedTag(repo: Repo, options: PublishOptions, tag: { name: string; message: string }, commitSha: string): Promise<string> {
  await git.annotatedTag({ fs, gitdir: repo.gitdir, cache: repo.cache, ref: tag.name, object: commitSha, message: tag.message, tagger: options.author, force: true });
  return git.resolveRef({ fs, gitdir: repo.gitdir, ref: `refs/tags/${tag.name}` });
}

/**
 * The tag as the server has it, if it does; `ours` when its commit carries this request's trailer (an earlier
 * attempt's, whose branch push never landed), so that it is replaced rather than a conflict. A tag on any other
 * commit than those `allowed` fails the request here, before anything is staged or pushed: tags are never moved.
 */
async function tagOnServer(remote: Remote, options: PublishOptions, name: string, allowed: ReadonlyArray<string | undefined>) {
  const found = await remote.tagOnServer(name);
  if (!found || allowed.includes(found.commit)) return found && { ...found, ours: false };
  if (parseTrailers(await remote.messageOf(`refs/tags/${name}`, found.commit)).run === options.runName) return { ...found, ours: true };
  throw tagConflict(options, name, found.commit);
}

function tagConflict(options: PublishOptions, name: string, commitSha: string) {
  return handlerError(
    HandlerErrorCode.ResourceConflict,
    `Tag: tag '${name}' of repository '${options.url}' already points at another commit (${commitSha.slice(0, 12)}); tags are never moved, and nothing was pushed`,
  );
}

function kept(options: PublishOptions, attempts: number, began: number) {
  return handlerError(
    HandlerErrorCode.ResourceConflict,
    `Branch: other writers kept pushing to branch '${options.branch}' of repository '${options.url}' for ${Math.round((Date.now() - began) / 1000)} s ` +
      `(${attempts} attempts, each re-applied on the new head); nothing was pushed`,
  );
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../../runtime';
import { GitAuth } from './credentials';
import { mapGitError } from './git-errors';
import { SourceFile } from './source-files';
import { replaceDirectory, Repo } from './tree-edit';
import { findRun, runTrailers } from './run-trailer';

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

/** The publication could not finish inside this invocation; nothing was pushed, and the next one starts over. */
export class OutOfTime extends Error {
  readonly code = 'OutOfTime';
}

/** Pushes that lost a race with another writer, re-applied on the new head, before giving up. */
export const MAX_PUSH_ATTEMPTS = 5;
const READ_CONCURRENCY = 8;

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

/**
 * Reads the files from S3 and writes, as blobs, those that differ from the base; returns every file's blob id.
 * A few reads run at once: S3 answers each with latency, and git's hashing and compression take turns with them.
 */
async function stage(repo: Repo, options: PublishOptions, base: string | undefined): Promise<Map<string, string>> {
  const known = new Set<string>();
  if (base) {
    // Blobs already in the fetched head need not be written again; a hash of the content finds them.
    await git.walk({ fs, gitdir: repo.gitdir, cache: repo.cache, trees: [git.TREE({ ref: base })], map: async (_path, [entry]) => {
      if (entry && (await entry.type()) === 'blob') known.add(await entry.oid());
      return undefined;
    } });
  }
  const staged = new Map<string, string>();
  const queue = [...options.files];
  // Once one read fails, publish() returns and removes the scratch repository while the other readers are still
  // awaiting theirs: they must then neither read the rest of the queue (after the invocation ended) nor write blobs,
  // which would re-create the removed folder in /tmp.
  let failed = false;
  const worker = async () => {
    try {
      for (let file = queue.shift(); file && !failed; file = queue.shift()) {
        if (Date.now() > options.deadline) throw new OutOfTime();
        const content = await options.read(file);
        if (failed) return;
        let oid = blobId(content);
        if (!known.has(oid)) oid = await git.writeBlob({ fs, gitdir: repo.gitdir, blob: content });
        staged.set(file.path, oid);
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return staged;
}

/** git's object id of a blob: sha1 over `blob <length>\0` and the content. */
export function blobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The remote repository as one publication sees it: one URL, one set of credentials, one branch. */
export class Remote {
  private readonly authorization: string;

  constructor(private readonly repo: Repo, private readonly options: PublishOptions) {
    // Sent with the first request rather than after a 401, which saves a round trip per exchange.
    this.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  }

  /** A new object per call: isomorphic-git adds protocol headers to the one it is given. */
  private get headers(): Record<string, string> {
    return { Authorization: this.authorization };
  }

  private get common() {
    return { fs, http, gitdir: this.repo.gitdir, cache: this.repo.cache, remote: 'origin', url: this.options.url, headers: this.headers };
  }

  /** The branch head, or the default branch's head when the branch does not exist yet, fetched at depth 1. */
  async fetchBase(): Promise<{ oid?: string; onBranch: boolean }> {
    const branchRef = `refs/heads/${this.options.branch}`;
    const refs = await git.listServerRefs({ http, url: this.options.url, headers: this.headers, prefix: branchRef });
    let ref = refs.find((r) => r.ref === branchRef)?.ref;
    if (!ref) {
      const head = (await git.listServerRefs({ http, url: this.options.url, headers: this.headers, prefix: 'HEAD', symrefs: true })).find((r) => r.ref === 'HEAD');
      if (!head?.target) return { onBranch: false }; // an empty repository: the commit will be its first
      ref = head.target;
    }
    const { fetchHead } = await git.fetch({ ...this.common, ref, singleBranch: true, depth: 1, tags: false });
    return { oid: fetchHead ?? undefined, onBranch: ref === branchRef };
  }

  /** Fetches `count` more commits of history below the shallow ones. */
  async deepen(count: number): Promise<void> {
    await git.fetch({ ...this.common, ref: this.options.branch, singleBranch: true, depth: count, relative: true, tags: false });
  }

  /** Pushes the commit to the branch; false when another writer moved the branch first. */
  async pushBranch(commit: string): Promise<boolean> {
    const ref = `refs/heads/${this.options.branch}`;
    await git.writeRef({ fs, gitdir: this.repo.gitdir, ref, value: commit, force: true });
    try {
      const result = await git.push({ ...this.common, ref, remoteRef: ref });
      if (result.ok && result.refs[ref]?.ok !== false) return true;
      if (!/fast-forward|fetch first|stale|lock/i.test(result.refs[ref]?.error ?? result.error ?? '')) {
        throw handlerError(HandlerErrorCode.GeneralServiceException, `Branch: repository '${this.options.url}' refused the push to '${this.options.branch}'`);
      }
      return false;
    } catch (err) {
      if ((err as { code?: string }).code === 'PushRejectedError') return false;
      throw err;
    }
  }

  /** The annotated tag on the commit: created and pushed, or found there already. A tag on another commit is never moved. */
  async tag(commit: string, tag: { name: string; message: string }): Promise<string> {
    const ref = `refs/tags/${tag.name}`;
    const existing = async () => (await git.listServerRefs({ http, url: this.options.url, headers: this.headers, prefix: ref, peelTags: true })).find((r) => r.ref === ref);
    let found = await existing();
    if (!found) {
      await git.annotatedTag({ fs, gitdir: this.repo.gitdir, cache: this.repo.cache, ref: tag.name, object: commit, message: tag.message, tagger: this.options.author, force: true });
      try {
        await git.push({ ...this.common, ref, remoteRef: ref });
        return await git.resolveRef({ fs, gitdir: this.repo.gitdir, ref });
      } catch (err) {
        if ((err as { code?: string }).code !== 'PushRejectedError') throw err;
        found = await existing(); // another writer made it first
      }
    }
    if (found && (found.peeled ?? found.oid) === commit) return found.oid;
    throw handlerError(
      HandlerErrorCode.ResourceConflict,
      `Tag: tag '${tag.name}' of repository '${this.options.url}' already points at another commit (${(found?.peeled ?? found?.oid ?? '?').slice(0, 12)}); tags are never moved`,
    );
  }
}

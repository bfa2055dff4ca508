import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../../runtime';
import type { PublishOptions } from './publish';
import { Repo } from './tree-edit';

/** How servers word the refusal of a ref update that lost a race with another writer (git, GitHub, GitLab). */
const LOST_RACE = /fast-forward|fetch first|stale|lock|failed to update ref/i;

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
      await git.push({ ...this.common, ref, remoteRef: ref });
      return true;
    } catch (err) {
      const e = err as { code?: string; data?: { result?: { refs?: Record<string, { error?: string }> } } };
      // isomorphic-git's own check: the head the server advertised is not our commit's ancestor.
      if (e.code === 'PushRejectedError') return false;
      // The server's check: the branch moved between its advertisement and the ref update.
      if (e.code === 'GitPushError' && LOST_RACE.test(e.data?.result?.refs?.[ref]?.error ?? '')) return false;
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

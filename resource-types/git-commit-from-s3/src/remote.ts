import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { objectsToSend } from './new-objects';
import type { PublishOptions } from './publish';
import { advertisedForPush, PushOutcome, PushTarget, RefUpdate, sendUpdates, ZERO_OID } from './receive-pack';
import { Repo } from './tree-edit';

/**
 * How servers word the refusal of a ref update that lost a race with another writer (git, GitHub, GitLab), and of
 * the other updates of an atomic push that one refusal failed.
 */
const LOST_RACE = /fast-forward|fetch first|stale|lock|failed to update ref|already exists|atomic/i;

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

  /**
   * The branch head, or the default branch's head when the branch does not exist yet, fetched at depth 1: one
   * exchange (advertisement and pack) when the branch exists, which is every attempt of a race after the first.
   */
  async fetchBase(): Promise<{ oid?: string; onBranch: boolean }> {
    const fetch = (ref: string) => git.fetch({ ...this.common, ref, singleBranch: true, depth: 1, tags: false });
    try {
      const { fetchHead } = await fetch(`refs/heads/${this.options.branch}`);
      return fetchHead ? { oid: fetchHead, onBranch: true } : { onBranch: false }; // no head: an empty repository
    } catch (err) {
      if ((err as { code?: string }).code !== 'NotFoundError') throw err;
    }
    try {
      return { oid: (await fetch('HEAD')).fetchHead ?? undefined, onBranch: false };
    } catch (err) {
      if ((err as { code?: string }).code !== 'NotFoundError') throw err;
      return { onBranch: false }; // HEAD names a branch nobody made yet: the commit will be the first
    }
  }

  /** Fetches `count` more commits of history below the shallow ones. */
  async deepen(count: number): Promise<void> {
    await git.fetch({ ...this.common, ref: this.options.branch, singleBranch: true, depth: count, relative: true, tags: false });
  }

  /** The tag as the server has it: the tag object, and the commit it points at. */
  async tagOnServer(name: string): Promise<{ oid: string; commit: string } | undefined> {
    const ref = `refs/tags/${name}`;
    const found = (await git.listServerRefs({ http, url: this.options.url, headers: this.headers, prefix: ref, peelTags: true })).find((r) => r.ref === ref);
    return found && { oid: found.oid, commit: found.peeled ?? found.oid };
  }

  /** The commit message of `commit`, which the server holds under `ref`, fetched at depth 1; '' when it is no commit. */
  async messageOf(ref: string, commit: string): Promise<string> {
    await git.fetch({ ...this.common, ref, singleBranch: true, depth: 1, tags: false });
    try {
      return (await git.readCommit({ fs, gitdir: this.repo.gitdir, oid: commit, cache: this.repo.cache })).commit.message;
    } catch {
      return ''; // a tag on a tree or a blob
    }
  }

  /**
   * Moves the branch and the tag as the publication says, each only from the value this attempt saw: 'lost' when
   * another writer moved either first, and then nothing of this attempt is left on the server. Both refs move in
   * one atomic push where the server offers it; else the tag goes first (a tag on a commit no branch holds yet
   * misleads nobody who follows the branch) and is deleted again when the branch push then loses.
   */
  async publish(p: Publication): Promise<'published' | 'lost'> {
    const advertised = await advertisedForPush(this.target);
    const updates = [...(p.branch ? [p.branch] : []), ...(p.tag ? [p.tag] : [])];
    if (updates.some((u) => (advertised.refs.get(u.ref) ?? ZERO_OID) !== u.old)) return 'lost'; // seen before the pack is sent
    const oids = p.branch ? await objectsToSend(this.repo, p.branch.new, p.base) : [];
    if (p.tag) oids.push(p.tag.new);
    const pack = await this.pack(oids);
    if (updates.length === 1 || advertised.atomic) return this.verdict(await sendUpdates(this.target, updates, pack, updates.length > 1));
    const [branch, tag] = updates;
    if ((await this.verdict(await sendUpdates(this.target, [tag], pack, false))) === 'lost') return 'lost';
    let branchVerdict: 'published' | 'lost' | undefined;
    try {
      // The tag's push carried the objects: this one needs none, but git wants a pack with every update.
      branchVerdict = await this.verdict(await sendUpdates(this.target, [branch], await this.pack([]), false));
      return branchVerdict;
    } finally {
      if (branchVerdict !== 'published') {
        // Best effort, as the tag is this attempt's own: if even this fails, the next attempt finds the tag on a
        // commit carrying this request's trailer and replaces it.
        await sendUpdates(this.target, [{ ref: tag.ref, old: tag.new, new: ZERO_OID }], undefined, false).catch(() => undefined);
      }
    }
  }

  private get target(): PushTarget {
    return { url: this.options.url, headers: () => this.headers };
  }

  private async pack(oids: string[]): Promise<Uint8Array> {
    return (await git.packObjects({ fs, gitdir: this.repo.gitdir, cache: this.repo.cache, oids })).packfile!;
  }

  /** 'lost' when the server refused an update because a ref moved; any other refusal (a hook, a protection) throws. */
  private async verdict(outcome: PushOutcome): Promise<'published' | 'lost'> {
    const refused = [...outcome].filter(([, reason]) => reason !== undefined) as Array<[string, string]>;
    if (refused.length === 0) return 'published';
    if (refused.every(([, reason]) => LOST_RACE.test(reason))) return 'lost';
    const details = refused.map(([ref, reason]) => `\n  - ${ref}: ${reason}`).join('');
    throw new git.Errors.GitPushError(details, { ok: false, error: details, refs: Object.fromEntries(refused.map(([ref, error]) => [ref, { ok: false, error }])) });
  }
}

/** The ref updates of one attempt. */
export interface Publication {
  /** The commit the new one was made on: the server has it and everything below it. */
  readonly base?: string;
  /** Absent when the branch already holds the commit. */
  readonly branch?: RefUpdate;
  readonly tag?: RefUpdate;
}

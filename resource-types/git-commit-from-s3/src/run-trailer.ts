import fs from 'node:fs';
import git from 'isomorphic-git';
import type { PublishResult } from './publish';
import type { Remote } from './remote';
import type { Repo } from './tree-edit';

const RUN = 'Orch-Run';
const FILES = 'Orch-Files';

/** History searched for an earlier push of the same request, at most, and how much deeper each fetch goes. */
const MAX_SEARCH_COMMITS = 200;
const SEARCH_STEP = 20;

/**
 * Trailers that make the commit findable by the request that made it, and tell what it changed, so that a
 * re-sent request can report the commit without repeating it.
 */
export function runTrailers(runName: string, change: { added: number; changed: number; removed: number }): string {
  return `${RUN}: ${runName}\n${FILES}: added=${change.added} changed=${change.changed} removed=${change.removed}`;
}

export function parseTrailers(message: string): { run?: string; added: number; changed: number; removed: number } {
  const run = new RegExp(`^${RUN}: (\\S+)$`, 'm').exec(message)?.[1];
  const files = new RegExp(`^${FILES}: added=(\\d+) changed=(\\d+) removed=(\\d+)$`, 'm').exec(message);
  return { run, added: Number(files?.[1] ?? 0), changed: Number(files?.[2] ?? 0), removed: Number(files?.[3] ?? 0) };
}

/**
 * This request's commit on the branch, if an earlier attempt pushed it (a handler that died after pushing, or a
 * re-sent request). Walks back from the head, fetching deeper only while the commits are recent enough to be it,
 * and stops at `searched`, a head already searched below.
 */
export async function findRun(repo: Repo, remote: Remote, head: string, runName: string, since: number, searched?: string): Promise<PublishResult | undefined> {
  let checked = 0;
  for (;;) {
    const commits = await git.log({ fs, gitdir: repo.gitdir, cache: repo.cache, ref: head });
    for (const entry of commits.slice(checked)) {
      if (entry.oid === searched) return undefined;
      const trailers = parseTrailers(entry.commit.message);
      if (trailers.run === runName) return { commitSha: entry.oid, added: trailers.added, changed: trailers.changed, removed: trailers.removed };
      if (entry.commit.committer.timestamp * 1000 < since) return undefined;
    }
    const oldest = commits[commits.length - 1];
    if (commits.length === checked || oldest.commit.parent.length === 0 || commits.length >= MAX_SEARCH_COMMITS) return undefined;
    checked = commits.length;
    await remote.deepen(SEARCH_STEP);
  }
}

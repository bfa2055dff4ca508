import fs from 'node:fs';
import git from 'isomorphic-git';
import type { Repo } from './tree-edit';

/**
 * The objects a push of `commit` must carry to a server that has `base` (its parent, fetched at depth 1): the
 * commit and every tree and blob of it the base's tree lacks. A tree the base holds is skipped whole.
 */
export async function objectsToSend(repo: Repo, commit: string, base: string | undefined): Promise<string[]> {
  const known = new Set<string>();
  if (base) {
    known.add(base);
    await collect(repo, (await git.readCommit({ fs, gitdir: repo.gitdir, oid: base, cache: repo.cache })).commit.tree, known, undefined);
  }
  const send = new Set([commit]);
  await collect(repo, (await git.readCommit({ fs, gitdir: repo.gitdir, oid: commit, cache: repo.cache })).commit.tree, send, known);
  return [...send];
}

/** Adds the tree and what it holds to `into`, leaving out anything in `skip`. */
async function collect(repo: Repo, tree: string, into: Set<string>, skip: ReadonlySet<string> | undefined): Promise<void> {
  if (skip?.has(tree)) return;
  into.add(tree);
  for (const entry of (await git.readTree({ fs, gitdir: repo.gitdir, oid: tree, cache: repo.cache })).tree) {
    if (skip?.has(entry.oid)) continue;
    if (entry.type === 'tree') await collect(repo, entry.oid, into, skip);
    else if (entry.type === 'blob') into.add(entry.oid); // a submodule's commit lives in another repository
  }
}

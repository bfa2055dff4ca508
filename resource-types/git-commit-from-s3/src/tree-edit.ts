import fs from 'node:fs';
import git, { TreeEntry } from 'isomorphic-git';

/** A file (or symlink or submodule) of a tree, as a leaf of a flat path map. */
export interface Leaf {
  readonly oid: string;
  readonly mode: string;
  readonly type: TreeEntry['type'];
}

export interface Repo {
  readonly gitdir: string;
  /** isomorphic-git's cache of parsed pack indexes, shared by the calls of one publication. */
  readonly cache: object;
}

export interface DirectoryChange {
  /** The new root tree. */
  readonly tree: string;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

const FILE_MODE = '100644';
const TREE_MODE = '040000';

/**
 * The root tree with the directory `dir` holding `staged` (path below `dir` to blob): over its current files,
 * or instead of them when `mirror`. A staged file replaces a directory or file in its way, which counts as removed.
 */
export async function replaceDirectory(repo: Repo, rootTree: string | undefined, dir: string, staged: ReadonlyMap<string, string>, mirror: boolean): Promise<DirectoryChange> {
  const segments = dir ? dir.split('/') : [];
  const existing = await leavesUnder(repo, await subtree(repo, rootTree, segments));
  const next = new Map<string, Leaf>(mirror ? [] : existing);
  const blockers = new Set<string>();
  for (const path of staged.keys()) {
    for (const folder of ancestors(path)) blockers.add(folder); // a file there would stand where a folder must go
  }
  let added = 0;
  let changed = 0;
  for (const [path, oid] of staged) {
    const before = existing.get(path);
    if (!before) added++;
    else if (before.oid !== oid) changed++;
    next.set(path, { oid, mode: before?.type === 'blob' ? before.mode : FILE_MODE, type: 'blob' }); // keeps an executable bit
  }
  for (const path of next.keys()) {
    if (staged.has(path)) continue;
    // A kept file where a staged file needs a folder, or a kept file inside what is now a staged file.
    if (blockers.has(path) || [...ancestors(path)].some((a) => staged.has(a))) next.delete(path);
  }
  const removed = [...existing.keys()].filter((path) => !next.has(path)).length;
  if (added + changed + removed === 0 && rootTree) return { tree: rootTree, added, changed, removed };
  const dirTree = await writeNested(repo, [...next]);
  return { tree: await splice(repo, rootTree, segments, dirTree), added, changed, removed };
}

function* ancestors(path: string): Generator<string> {
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) yield path.slice(0, i);
}

async function readEntries(repo: Repo, oid: string | undefined): Promise<TreeEntry[]> {
  if (!oid) return [];
  return (await git.readTree({ fs, gitdir: repo.gitdir, oid, cache: repo.cache })).tree;
}

async function subtree(repo: Repo, root: string | undefined, segments: readonly string[]): Promise<string | undefined> {
  let oid = root;
  for (const segment of segments) {
    const entry = (await readEntries(repo, oid)).find((e) => e.path === segment);
    if (entry?.type !== 'tree') return undefined;
    oid = entry.oid;
  }
  return oid;
}

/** Every leaf below a tree, by its '/'-separated path. */
async function leavesUnder(repo: Repo, tree: string | undefined, prefix = '', into = new Map<string, Leaf>()): Promise<Map<string, Leaf>> {
  for (const entry of await readEntries(repo, tree)) {
    if (entry.type === 'tree') await leavesUnder(repo, entry.oid, `${prefix}${entry.path}/`, into);
    else into.set(`${prefix}${entry.path}`, { oid: entry.oid, mode: entry.mode, type: entry.type });
  }
  return into;
}

/** Writes the trees of a flat path map, deepest first, and returns the top one. */
async function writeNested(repo: Repo, leaves: ReadonlyArray<readonly [string, Leaf]>): Promise<string> {
  const here: TreeEntry[] = [];
  const below = new Map<string, Array<[string, Leaf]>>();
  for (const [path, leaf] of leaves) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      here.push({ path, ...leaf });
    } else {
      const name = path.slice(0, slash);
      let children = below.get(name);
      if (!children) below.set(name, (children = []));
      children.push([path.slice(slash + 1), leaf]);
    }
  }
  for (const [name, children] of below) here.push({ path: name, mode: TREE_MODE, oid: await writeNested(repo, children), type: 'tree' });
  return git.writeTree({ fs, gitdir: repo.gitdir, tree: here });
}

/** The tree `root` with the tree at `segments` replaced by `replacement`, creating folders on the way. */
async function splice(repo: Repo, root: string | undefined, segments: readonly string[], replacement: string): Promise<string> {
  if (segments.length === 0) return replacement;
  const [name, ...rest] = segments;
  const entries = await readEntries(repo, root);
  const current = entries.find((e) => e.path === name);
  const child = await splice(repo, current?.type === 'tree' ? current.oid : undefined, rest, replacement);
  const tree = [...entries.filter((e) => e.path !== name), { path: name, mode: TREE_MODE, oid: child, type: 'tree' as const }];
  return git.writeTree({ fs, gitdir: repo.gitdir, tree });
}

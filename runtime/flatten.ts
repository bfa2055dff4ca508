/**
 * Output flattening and filtering, independent of any schema.
 *
 * `flatten({ a: [{ b: 1 }] })` gives `{ 'a.0.b': '1' }`: the dot paths CDK's AwsCustomResource uses,
 * with every leaf written as a string because CloudFormation attributes are consumed as strings.
 */

export type FlatOutput = Record<string, string>;

function leafToString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function flatten(value: unknown): FlatOutput {
  const out: FlatOutput = {};
  // An explicit stack instead of recursion: a deeply nested document must not overflow the call stack.
  const stack: Array<[string, unknown]> = [['', value]];
  while (stack.length > 0) {
    const [path, current] = stack.pop()!;
    const isContainer = current !== null && typeof current === 'object';
    const entries = isContainer ? Object.entries(current as object) : [];
    if (!isContainer || entries.length === 0) {
      if (path !== '') out[path] = isContainer ? JSON.stringify(current) : leafToString(current);
      continue;
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      stack.push([path === '' ? key : `${path}.${key}`, child]);
    }
  }
  return out;
}

/** Keeps the keys equal to one of `paths` or below one of them (`a.b` keeps `a.b` and `a.b.c`, not `a.bc`). */
export function filterKeys(flat: FlatOutput, paths: readonly string[] | undefined): FlatOutput {
  if (paths === undefined) return { ...flat };
  const out: FlatOutput = {};
  for (const [key, value] of Object.entries(flat)) {
    if (paths.some((p) => key === p || key.startsWith(`${p}.`))) out[key] = value;
  }
  return out;
}

/** Parses `raw` as JSON when it is a string, then flattens and filters it. */
export function flattenOutput(raw: unknown, paths: readonly string[] | undefined): FlatOutput {
  const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (parsed === null || typeof parsed !== 'object') {
    // A scalar output still gets an address: the empty path is not addressable, so it is called 'value'.
    return filterKeys({ value: leafToString(parsed) }, paths);
  }
  return filterKeys(flatten(parsed), paths);
}

/** Output as a tree of attributes: objects all the way down, every leaf a string. */
export interface AttributeTree {
  [key: string]: string | AttributeTree;
}

/**
 * Rebuilds the tree that dot paths describe: `{ 'a.0.b': '1' }` gives `{ a: { 0: { b: '1' } } }`, so that
 * `Fn::GetAtt [Task, Output.a.0.b]` finds the value at the JSON pointer `/Output/a/0/b`. Nodes deeper than
 * `maxDepth` levels are kept whole, as one JSON string (arrays among them appear as objects with index keys).
 */
export function nest(flat: FlatOutput, maxDepth: number): AttributeTree {
  const root: AttributeTree = {};
  for (const [path, value] of Object.entries(flat)) place(root, path, value);
  return capDepth(root, maxDepth);
}

function capDepth(tree: AttributeTree, levelsLeft: number): AttributeTree {
  const out: AttributeTree = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[key] = value;
    else out[key] = levelsLeft <= 1 ? JSON.stringify(value) : capDepth(value, levelsLeft - 1);
  }
  return out;
}

/**
 * `nest(flattenOutput(raw, paths), maxDepth)` in one walk of the document: no flat map of every leaf, and
 * branches that no path reaches are never visited. This is what the types call; the three steps above stay as
 * the definition it is tested against.
 */
export function outputTree(raw: unknown, paths: readonly string[] | undefined, maxDepth: number): AttributeTree {
  const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (parsed === null || typeof parsed !== 'object') return nest(flattenOutput(parsed === undefined ? 'null' : JSON.stringify(parsed), paths), maxDepth);
  const root: AttributeTree = {};
  collect(parsed, '', paths, root);
  return capDepth(root, maxDepth);
}

/** Whether anything at or below `path` is kept: `path` lies on or below a requested path, or leads to one. */
function reaches(path: string, paths: readonly string[]): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

function kept(path: string, paths: readonly string[] | undefined): boolean {
  return paths === undefined || paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** Adds the kept leaves below `value` (at dot path `path`) to `root`, as `nest` would place them. */
function collect(value: object, path: string, paths: readonly string[] | undefined, root: AttributeTree): void {
  const entries = Object.entries(value);
  if (entries.length === 0) {
    if (path !== '' && kept(path, paths)) place(root, path, JSON.stringify(value));
    return;
  }
  // Once a requested path is reached, everything below it is kept: stop checking.
  const below = paths !== undefined && path !== '' && kept(path, paths) ? undefined : paths;
  for (const [key, child] of entries) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (below !== undefined && !reaches(childPath, below)) continue;
    if (child !== null && typeof child === 'object') collect(child, childPath, below, root);
    else if (kept(childPath, below)) place(root, childPath, leafToString(child));
  }
}

function place(root: AttributeTree, path: string, value: string): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = typeof next === 'object' ? next : (node[key] = {});
  }
  node[keys[keys.length - 1]] = value;
}

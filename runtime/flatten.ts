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
 * `maxDepth` levels are kept whole, as one JSON string. This is the shape `outputTree` gives, built from string
 * leaves, so a subtree kept whole here has lost its numbers, booleans and nulls to strings, and its arrays to
 * objects: only `outputTree`, which caps the document itself, keeps them. The types call `outputTree`.
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
 * The output as the types keep it: the document filtered by `paths` (as `filterKeys` filters dot paths), as a tree
 * of string leaves `maxDepth` levels deep, arrays as objects keyed by index. A subtree below the last level is
 * kept whole as its JSON text, which parses back to the (filtered) subtree with its types: `{"n":1,"t":true}`
 * stays that, not `{"n":"1","t":"true"}`. One walk of what is kept; branches no path reaches are never visited.
 */
export function outputTree(raw: unknown, paths: readonly string[] | undefined, maxDepth: number): AttributeTree {
  const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (parsed === null || typeof parsed !== 'object') return nest(flattenOutput(parsed === undefined ? 'null' : JSON.stringify(parsed), paths), maxDepth);
  return tree(kept(parsed, '', paths) ?? {}, maxDepth);
}

/** Whether anything at or below `path` is kept: `path` lies on or below a requested path, or leads to one. */
function reaches(path: string, paths: readonly string[]): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

function isKept(path: string, paths: readonly string[] | undefined): boolean {
  return paths === undefined || paths.some((p) => path === p || path.startsWith(`${p}.`));
}

type Container = Record<string, unknown> | unknown[];

/**
 * What `paths` keep of `value` (at dot path `path`), or undefined for nothing. A kept node is the document's own
 * value, whole. An array some of whose items are dropped becomes an object keyed by the kept indexes, so that what
 * is left never claims an item moved.
 */
function kept(value: Container, path: string, paths: readonly string[] | undefined): Container | undefined {
  if (paths === undefined || (path !== '' && isKept(path, paths))) return value;
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (!reaches(childPath, paths)) continue;
    const part = isContainer(child) ? kept(child, childPath, paths) : isKept(childPath, paths) ? child : undefined;
    if (part === undefined) continue;
    out[key] = part;
    count++;
  }
  if (count === 0) return undefined;
  return Array.isArray(value) && count === value.length ? Object.values(out) : out;
}

function tree(value: Container, levelsLeft: number): AttributeTree {
  const out: AttributeTree = {};
  for (const [key, child] of Object.entries(value)) {
    if (!isContainer(child)) out[key] = leafToString(child);
    else if (levelsLeft <= 1 || isEmpty(child)) out[key] = JSON.stringify(child);
    else out[key] = tree(child, levelsLeft - 1);
  }
  return out;
}

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: Container): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const _key in value) return false;
  return true;
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

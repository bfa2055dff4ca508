import { filterKeys, flatten, flattenOutput, nest, outputTree } from '../../runtime/flatten';

describe('flatten', () => {
  test.each<[string, unknown, Record<string, string>]>([
    ['nested objects give dot paths', { a: { b: { c: 'x' } } }, { 'a.b.c': 'x' }],
    ['array indexes are path segments', { a: [{ b: 'x' }, { b: 'y' }] }, { 'a.0.b': 'x', 'a.1.b': 'y' }],
    ['a top-level array starts at its index', ['x', ['y']], { '0': 'x', '1.0': 'y' }],
    ['numbers are written as JSON', { n: 1.5, z: 0, neg: -2 }, { n: '1.5', z: '0', neg: '-2' }],
    ['booleans are written as JSON', { t: true, f: false }, { t: 'true', f: 'false' }],
    ['null is written as JSON', { a: null }, { a: 'null' }],
    ['strings stay unquoted', { s: 'hello', e: '' }, { s: 'hello', e: '' }],
    ['an empty object is a leaf', { a: {}, b: { c: {} } }, { a: '{}', 'b.c': '{}' }],
    ['an empty array is a leaf', { a: [], b: [[]] }, { a: '[]', 'b.0': '[]' }],
    ['a root with nothing in it gives nothing', {}, {}],
  ])('%s', (_name, input, expected) => {
    expect(flatten(input)).toEqual(expected);
  });

  test('a 10,000-deep object does not overflow the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { k: deep };
    const flat = flatten(deep);
    const keys = Object.keys(flat);
    expect(keys).toHaveLength(1);
    expect(keys[0].split('.')).toHaveLength(10_000);
    expect(flat[keys[0]]).toBe('bottom');
  });
});

describe('filterKeys', () => {
  const flat = { 'a.b': '1', 'a.b.c': '2', 'a.bc': '3', 'a.b.c.d': '4', x: '5', 'xa.b': '6' };

  test.each<[string, string[] | undefined, string[]]>([
    ['undefined paths keep everything', undefined, Object.keys(flat)],
    ['no paths keep nothing', [], []],
    ['an exact key is kept', ['x'], ['x']],
    ['a path keeps itself and everything below, not siblings sharing a prefix', ['a.b'], ['a.b', 'a.b.c', 'a.b.c.d']],
    ['a deeper path keeps only its subtree', ['a.b.c'], ['a.b.c', 'a.b.c.d']],
    ['a path that is only a prefix of a segment keeps nothing', ['a.b.c.'], []],
    ['several paths are a union', ['a.bc', 'x'], ['a.bc', 'x']],
    ['a path matches from the start only', ['b'], []],
  ])('%s', (_name, paths, keys) => {
    const kept = filterKeys(flat, paths);
    expect(Object.keys(kept).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(kept[key]).toBe(flat[key as keyof typeof flat]);
  });

  test('returns a copy, not the input', () => {
    const kept = filterKeys(flat, undefined);
    kept.x = 'changed';
    expect(flat.x).toBe('5');
  });
});

describe('flattenOutput', () => {
  test.each<[string, unknown, string[] | undefined, Record<string, string>]>([
    ['a JSON string is parsed first', '{"a":[{"b":2}]}', undefined, { 'a.0.b': '2' }],
    ['an object is flattened as is', { a: { b: true } }, undefined, { 'a.b': 'true' }],
    ['paths filter the result', '{"keep":{"x":1},"drop":2}', ['keep'], { 'keep.x': '1' }],
    ['a scalar string output is called value', '"done"', undefined, { value: 'done' }],
    ['a scalar number output is called value', '42', undefined, { value: '42' }],
    ['a null output is called value', 'null', undefined, { value: 'null' }],
    ['a scalar output is filtered like any key', '42', ['other'], {}],
    ['a scalar output survives a value path', '42', ['value'], { value: '42' }],
    ['an empty object output gives no keys', '{}', undefined, {}],
  ])('%s', (_name, raw, paths, expected) => {
    expect(flattenOutput(raw, paths)).toEqual(expected);
  });

  test('output that is not JSON throws', () => {
    expect(() => flattenOutput('{not json', undefined)).toThrow(SyntaxError);
  });
});

describe('nest', () => {
  test.each([
    ['dot paths become nested objects', { 'a.b': '1', 'a.c': '2', d: '3' }, 8, { a: { b: '1', c: '2' }, d: '3' }],
    ['array indexes become object keys', { 'list.0.x': 'a', 'list.1.x': 'b' }, 8, { list: { 0: { x: 'a' }, 1: { x: 'b' } } }],
    ['a subtree below the depth limit is kept as one JSON string', { 'a.b.c': '1', 'a.b.d': '2' }, 2, { a: { b: '{"c":"1","d":"2"}' } }],
    ['leaves at the depth limit stay strings', { 'a.b': '1' }, 2, { a: { b: '1' } }],
    ['empty input gives an empty tree', {}, 8, {}],
  ])('%s', (_name, flat, depth, expected) => {
    expect(nest(flat as Record<string, string>, depth)).toEqual(expected);
  });

  test('every flattened leaf is reachable by following its dot path', () => {
    const flat = flatten({ model: { uri: 's3://m', tags: ['a', 'b'] }, metrics: [{ acc: 0.9 }] });
    const tree = nest(flat, 8);
    for (const [path, value] of Object.entries(flat)) {
      expect(path.split('.').reduce<any>((node, key) => node[key], tree)).toBe(value);
    }
  });
});

describe('outputTree', () => {
  /** A document with nesting, arrays, empty containers and every scalar type, from a fixed seed. */
  function documentFrom(seed: number, depth = 0): unknown {
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const build = (level: number): unknown => {
      const r = next();
      if (level > 9 || r < 0.3) return [0, 1.5, 'text', true, false, null, 'x.y'][Math.floor(next() * 7)];
      if (r < 0.35) return next() < 0.5 ? {} : [];
      const size = 1 + Math.floor(next() * 4);
      if (r < 0.55) return Array.from({ length: size }, () => build(level + 1));
      return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, build(level + 1)]));
    };
    return build(depth);
  }

  const PATHS: Array<string[] | undefined> = [undefined, ['k0'], ['k1.k0', 'k2'], ['k0.0', 'k3.k1.k2'], ['nothing.here'], ['k0.k1.k2.k3.k4.k5.k6.k7']];

  test.each(Array.from({ length: 40 }, (_, i) => i + 1))('gives what nest(flattenOutput()) gives when nothing is deeper than the tree, document %i', (seed) => {
    const doc = documentFrom(seed);
    for (const paths of PATHS) {
      expect(outputTree(JSON.stringify(doc), paths, 16)).toEqual(nest(flattenOutput(JSON.stringify(doc), paths), 16));
      if (doc !== null && typeof doc === 'object') expect(outputTree(doc, paths, 16)).toEqual(nest(flattenOutput(doc, paths), 16));
    }
  });

  /** The value at a dot path of a parsed document (arrays by index), or `missing`. */
  const missing = Symbol('missing');
  function at(doc: unknown, path: string[]): unknown {
    let node = doc;
    for (const key of path) {
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return missing;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  /** Every scalar or empty container of `value`, by dot path, with its JSON type intact. */
  function typedLeaves(value: unknown, path = ''): Array<[string, unknown]> {
    const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [];
    if (entries.length === 0) return path === '' ? [] : [[path, value]];
    return entries.flatMap(([key, child]) => typedLeaves(child, path === '' ? key : `${path}.${key}`));
  }

  test.each(Array.from({ length: 40 }, (_, i) => i + 1))('a subtree below the last level is JSON that parses to the kept part of the document, types intact, document %i', (seed) => {
    const doc = documentFrom(seed);
    if (doc === null || typeof doc !== 'object') return;
    for (const paths of PATHS) {
      for (const depth of [1, 2, 8]) {
        const tree = outputTree(JSON.stringify(doc), paths, depth);
        const keptLeaves = typedLeaves(doc).filter(([path]) => paths === undefined || paths.some((p) => path === p || path.startsWith(`${p}.`)));
        let found = 0;
        for (const [path, value] of keptLeaves) {
          const keys = path.split('.');
          const top = at(tree, keys.slice(0, depth));
          if (keys.length <= depth && !(value !== null && typeof value === 'object')) {
            expect(top).toBe(typeof value === 'string' ? value : JSON.stringify(value));
          } else {
            // The node at the last level is JSON text; the rest of the path leads to the leaf, its type intact.
            expect(typeof top).toBe('string');
            expect(at(JSON.parse(top as string), keys.slice(depth))).toEqual(value);
          }
          found++;
        }
        expect(found).toBe(keptLeaves.length);
        // Nothing else is kept: the tree's own leaves, expanded, are exactly the kept ones.
        const expanded = typedLeaves(tree).flatMap(([path, text]) => {
          const node = typeof text === 'string' && path.split('.').length === depth && /^[[{]/.test(text) ? JSON.parse(text) : undefined;
          return node !== undefined && typeof node === 'object' && Object.keys(node).length > 0 ? typedLeaves(node, path) : [[path, text]];
        });
        expect(expanded).toHaveLength(keptLeaves.length);
        if (paths === undefined) {
          for (const [path, text] of typedLeaves(tree)) {
            if (path.split('.').length === depth && typeof text === 'string' && /^[[{]/.test(text)) expect(JSON.parse(text)).toEqual(at(doc, path.split('.')));
          }
        }
      }
    }
  });

  test.each<[string, unknown, number, unknown]>([
    ['numbers, booleans and null below the last level keep their types', { a: { b: { n: 1, f: 1.5, t: true, x: false, z: null, s: '1' } } }, 2, { a: { b: '{"n":1,"f":1.5,"t":true,"x":false,"z":null,"s":"1"}' } }],
    ['nested arrays below the last level stay arrays', { a: { b: [[1, [true, null]], [], {}] } }, 2, { a: { b: '[[1,[true,null]],[],{}]' } }],
    ['empty containers at the last level are their JSON', { a: { b: {}, c: [] } }, 2, { a: { b: '{}', c: '[]' } }],
    ['empty containers above the last level are their JSON', { a: {}, b: [] }, 8, { a: '{}', b: '[]' }],
    ['scalars at the last level are strings', { a: { b: 2, c: null, d: false } }, 2, { a: { b: '2', c: 'null', d: 'false' } }],
    ['an array at the last level is its JSON array', { a: [1, 'x', { y: 2 }] }, 1, { a: '[1,"x",{"y":2}]' }],
    ['a depth of one keeps every top-level container as JSON', { n: 1, o: { p: [0] } }, 1, { n: '1', o: '{"p":[0]}' }],
    ['the issue\'s example comes back as it went in', { a: { b: { c: { d: { e: { f: { g: { h: { n: 1, t: true } } } } } } } } }, 8, { a: { b: { c: { d: { e: { f: { g: { h: '{"n":1,"t":true}' } } } } } } } }],
  ])('%s', (_name, doc, depth, expected) => {
    expect(outputTree(JSON.stringify(doc), undefined, depth)).toEqual(expected);
  });

  test('a filtered array below the last level keeps its kept items by index, and a whole one stays an array', () => {
    const doc = { a: { list: [{ x: 1, y: 2 }, { x: 3, y: 4 }, 5] } };
    expect(outputTree(doc, ['a.list.1.x'], 1)).toEqual({ a: '{"list":{"1":{"x":3}}}' });
    expect(outputTree(doc, ['a.list.0.x', 'a.list.1', 'a.list.2'], 1)).toEqual({ a: '{"list":[{"x":1},{"x":3,"y":4},5]}' });
    expect(outputTree(doc, ['a.list'], 2)).toEqual({ a: { list: '[{"x":1,"y":2},{"x":3,"y":4},5]' } });
  });

  test('a 2,000-deep document is walked only to the last level', () => {
    const text = `${'{"k":'.repeat(2_000)}{"n":1}${'}'.repeat(2_000)}`;
    const tree = outputTree(text, undefined, 8) as any;
    const below = tree.k.k.k.k.k.k.k.k;
    expect(typeof below).toBe('string');
    expect(below).toBe(`${'{"k":'.repeat(1_992)}{"n":1}${'}'.repeat(1_992)}`);
  });

  test.each([
    ['"text"', { value: 'text' }],
    ['7', { value: '7' }],
    ['null', { value: 'null' }],
  ])('a value that is not an object, %s, is Output.value', (text, expected) => {
    expect(outputTree(text, undefined, 8)).toEqual(expected);
    expect(outputTree(text, ['value'], 8)).toEqual(expected);
    expect(outputTree(text, ['other'], 8)).toEqual({});
  });

  test.each([[{ a: 1 }], ['"text"'], [7], [null], [[1, [2]]]])('agrees on %j given as JSON text', (doc) => {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    expect(outputTree(text, undefined, 8)).toEqual(nest(flattenOutput(text, undefined), 8));
  });
});

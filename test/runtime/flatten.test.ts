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

  test.each(Array.from({ length: 40 }, (_, i) => i + 1))('gives what nest(flattenOutput()) gives, document %i', (seed) => {
    const doc = documentFrom(seed);
    for (const paths of PATHS) {
      for (const depth of [2, 8]) {
        expect(outputTree(JSON.stringify(doc), paths, depth)).toEqual(nest(flattenOutput(JSON.stringify(doc), paths), depth));
        if (doc !== null && typeof doc === "object") expect(outputTree(doc, paths, depth)).toEqual(nest(flattenOutput(doc, paths), depth));
      }
    }
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

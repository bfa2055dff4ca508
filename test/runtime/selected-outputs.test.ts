import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import {
  EXPOSE_MAX_NAMES,
  EXPOSED_TOTAL_MAX_BYTES,
  EXPOSED_VALUE_MAX_BYTES,
  selectedEntries,
  selectedOutputs,
  withSelectedOutputs,
} from '../../runtime/selected-outputs';

const source = { what: "the output of execution 'arn:x'", ran: 'the execution ran and succeeded' };

/** The error a call throws, to check its code and whole message. */
function thrown(fn: () => unknown): { errorCode?: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { errorCode?: string; message: string };
  }
  throw new Error('it did not throw');
}

describe('selectedOutputs', () => {
  const doc = {
    model: { uri: 's3://m/1', tags: ['a', 'b'], 'with.dot': 'x' },
    metrics: [{ accuracy: 0.91 }, { accuracy: 1 }],
    ok: true,
    none: null,
    empty: {},
    list: [],
    text: '1',
  };

  test.each<[string, string, string]>([
    ['a string leaf as it is', 'model.uri', 's3://m/1'],
    ['a string that looks like a number stays the string', 'text', '1'],
    ['a number as its JSON text', 'metrics.0.accuracy', '0.91'],
    ['an integer as its JSON text', 'metrics.1.accuracy', '1'],
    ['a boolean as its JSON text', 'ok', 'true'],
    ['null as its JSON text', 'none', 'null'],
    ['an object as JSON that parses back to it', 'model', '{"uri":"s3://m/1","tags":["a","b"],"with.dot":"x"}'],
    ['an array as JSON that parses back to it', 'metrics', '[{"accuracy":0.91},{"accuracy":1}]'],
    ['an array item by index', 'model.tags.1', 'b'],
    ['an empty object', 'empty', '{}'],
    ['an empty array', 'list', '[]'],
  ])('%s', (_name, path, expected) => {
    const outputs = selectedOutputs(doc, { Name: path }, source)!;
    expect(outputs).toEqual({ Name: expected });
    if (typeof at(doc, path) !== 'string') expect(JSON.parse(outputs.Name)).toEqual(at(doc, path));
  });

  test('several names at once, the same path under two names', () => {
    expect(selectedOutputs(doc, { Uri: 'model.uri', Accuracy: 'metrics.0.accuracy', Again: 'model.uri' }, source)).toEqual({
      Uri: 's3://m/1',
      Accuracy: '0.91',
      Again: 's3://m/1',
    });
  });

  test('no Expose gives no Outputs, an empty Expose empty Outputs', () => {
    expect(selectedOutputs(doc, undefined, source)).toBeUndefined();
    expect(selectedOutputs(doc, {}, source)).toEqual({});
  });

  test('a document that is not an object or array is the path value', () => {
    expect(selectedOutputs('done', { Status: 'value' }, source)).toEqual({ Status: 'done' });
    expect(selectedOutputs(42, { N: 'value' }, source)).toEqual({ N: '42' });
    expect(selectedOutputs(null, { N: 'value' }, source)).toEqual({ N: 'null' });
    expect(thrown(() => selectedOutputs(42, { N: 'n' }, source)).message).toBe(
      "Expose.N: no value at path 'n' in the output of execution 'arn:x' (the execution ran and succeeded)",
    );
  });

  test.each([
    ['a key the document lacks', 'model.url'],
    ['an index past the end', 'metrics.2'],
    ['an index written with a leading zero', 'metrics.01'],
    ['a key into a string', 'model.uri.length'],
    ['a key into null', 'none.x'],
    ['a key an object only inherits', 'model.constructor'],
    ['a key holding a dot, which a path cannot name', 'model.with.dot'],
    ['an empty segment', 'model..uri'],
  ])('%s is InvalidRequest naming Expose.<name> and the path', (_name, path) => {
    const err = thrown(() => selectedOutputs(doc, { Found: 'ok', Missing: path }, source));
    expect(err.errorCode).toBe(HandlerErrorCode.InvalidRequest);
    expect(err.message).toBe(`Expose.Missing: no value at path '${path}' in the output of execution 'arn:x' (the execution ran and succeeded)`);
  });

  test('a source that is not work says nothing of running', () => {
    expect(thrown(() => selectedOutputs({}, { A: 'a' }, { what: "object 'k' in bucket 'b'" })).message).toBe("Expose.A: no value at path 'a' in object 'k' in bucket 'b'");
  });

  test(`a value over ${EXPOSED_VALUE_MAX_BYTES} bytes is InvalidRequest; one of exactly that many is kept`, () => {
    const exact = 'x'.repeat(EXPOSED_VALUE_MAX_BYTES);
    expect(selectedOutputs({ a: exact }, { A: 'a' }, source)).toEqual({ A: exact });
    // Bytes, not characters: 2,049 two-byte characters are 4,098 bytes.
    const err = thrown(() => selectedOutputs({ a: 'é'.repeat(2_049) }, { A: 'a' }, source));
    expect(err.errorCode).toBe(HandlerErrorCode.InvalidRequest);
    expect(err.message).toBe(
      "Expose.A: the value at 'a' in the output of execution 'arn:x' is 4098 bytes, more than the 4096 one Outputs value may hold; " +
        'expose smaller parts of it (the execution ran and succeeded)',
    );
  });

  test(`values over ${EXPOSED_TOTAL_MAX_BYTES} bytes in all are InvalidRequest`, () => {
    const doc = { a: 'x'.repeat(4_000) };
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`N${i}`, 'a']));
    expect(Object.keys(selectedOutputs(doc, Object.fromEntries(Object.entries(nine).slice(0, 8)), source)!)).toHaveLength(8);
    expect(thrown(() => selectedOutputs(doc, nine, source)).message).toBe(
      'Expose: the values come to 36000 bytes, more than the 32768 Outputs may hold in all; expose fewer or smaller values (the execution ran and succeeded)',
    );
  });

  test(`more than ${EXPOSE_MAX_NAMES} names is InvalidRequest`, () => {
    const names = Object.fromEntries(Array.from({ length: EXPOSE_MAX_NAMES + 1 }, (_, i) => [`N${i}`, 'ok']));
    expect(thrown(() => selectedOutputs(doc, names, source)).message).toBe('Expose: 101 names, more than the 100 Outputs may hold');
  });
});

describe('selectedEntries', () => {
  const metadata = { commit: 'abc123', 'model-version': '3' };

  test('keys match whatever their case', () => {
    expect(selectedEntries(metadata, { Commit: 'Commit', Version: 'MODEL-VERSION', Lower: 'commit' }, source)).toEqual({
      Commit: 'abc123',
      Version: '3',
      Lower: 'abc123',
    });
  });

  test('a key the map lacks is InvalidRequest naming Expose.<name> and the key', () => {
    const err = thrown(() => selectedEntries(metadata, { Owner: 'owner' }, { what: "the user metadata of object 'k' in bucket 'b'" }));
    expect(err.errorCode).toBe(HandlerErrorCode.InvalidRequest);
    expect(err.message).toBe("Expose.Owner: no key 'owner' in the user metadata of object 'k' in bucket 'b'");
  });

  test('no Expose gives no Outputs', () => {
    expect(selectedEntries(metadata, undefined, source)).toBeUndefined();
  });
});

describe('withSelectedOutputs', () => {
  test('adds Outputs to the attributes, reading the document only when there is something to select', () => {
    const documentOf = jest.fn(() => ({ a: { b: 2 } }));
    expect(withSelectedOutputs({ Status: 'SUCCEEDED' }, undefined, documentOf, source)).toEqual({ ok: true, attributes: { Status: 'SUCCEEDED' } });
    expect(documentOf).not.toHaveBeenCalled();
    expect(withSelectedOutputs({ Status: 'SUCCEEDED' }, { B: 'a.b', A: 'a' }, documentOf, source)).toEqual({
      ok: true,
      attributes: { Status: 'SUCCEEDED', Outputs: { B: '2', A: '{"b":2}' } },
    });
  });

  test('a missing path is a failed outcome with InvalidRequest, keeping the attributes of the work that ran', () => {
    expect(withSelectedOutputs({ Status: 'SUCCEEDED' }, { B: 'a.c' }, () => ({ a: { b: 2 } }), source)).toEqual({
      ok: false,
      errorCode: HandlerErrorCode.InvalidRequest,
      message: "Expose.B: no value at path 'a.c' in the output of execution 'arn:x' (the execution ran and succeeded)",
      attributes: { Status: 'SUCCEEDED' },
    });
  });

  test('an error that is not a selection error is thrown as it is', () => {
    expect(() =>
      withSelectedOutputs({}, { A: 'a' }, () => {
        throw new SyntaxError('bad');
      }, source),
    ).toThrow(SyntaxError);
  });
});

function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<any>((node, key) => node[key], doc);
}

import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { jsonProperty, withDefaults } from '../../runtime/json-defaults';

describe('withDefaults', () => {
  test.each<[string, unknown, unknown, unknown]>([
    ['no document gives the defaults', undefined, { a: 1 }, { a: 1 }],
    ['no defaults gives the document', { a: 1 }, undefined, { a: 1 }],
    ['objects merge at every depth, the document winning', { m: { uri: 'real' } }, { m: { uri: 'default', stage: 'dev' }, x: 0 }, { m: { uri: 'real', stage: 'dev' }, x: 0 }],
    ['arrays are values, taken whole', { list: [1] }, { list: [9, 9] }, { list: [1] }],
    ['a document scalar replaces a default object', { m: 'flat' }, { m: { uri: 'x' } }, { m: 'flat' }],
    ['a document object replaces a default scalar', { m: { uri: 'x' } }, { m: 'flat' }, { m: { uri: 'x' } }],
    ['null in the document is a value', { a: null }, { a: 1 }, { a: null }],
    ['a top-level array document ignores object defaults', [1], { a: 1 }, [1]],
  ])('%s', (_name, document, defaults, expected) => {
    expect(withDefaults(document, defaults)).toEqual(expected);
  });

  test('keys such as __proto__ and constructor stay plain keys', () => {
    const merged = withDefaults(JSON.parse('{"__proto__":{"polluted":true},"a":1}'), JSON.parse('{"constructor":"c"}')) as Record<string, unknown>;
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'a', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});

describe('jsonProperty', () => {
  test('an object is taken as it is, a string is parsed', () => {
    expect(jsonProperty({ a: 1 }, 'Defaults')).toEqual({ a: 1 });
    expect(jsonProperty('{"a":1}', 'Defaults')).toEqual({ a: 1 });
  });

  test('a string that is not JSON is InvalidRequest naming the property', () => {
    expect(() => jsonProperty('{nope', 'Defaults')).toThrow(expect.objectContaining({ errorCode: HandlerErrorCode.InvalidRequest, message: 'Defaults: the string is not valid JSON' }));
  });
});

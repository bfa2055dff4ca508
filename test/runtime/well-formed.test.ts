import { illFormedStrings, rejectIllFormedStrings } from '../../runtime/well-formed';

describe('illFormedStrings', () => {
  test('well-formed text passes, surrogate pairs (emoji, CJK extension B) included', () => {
    expect(illFormedStrings({ Key: 'models/🚀/𠀀.json', Input: { a: ['x', { b: 'ü' }], n: 1, t: true, z: null } })).toEqual([]);
  });

  test('names the path of every lone surrogate: a high one, a low one, inside objects and arrays', () => {
    expect(illFormedStrings({ Key: 'a\uD800b', Credentials: { SecretArn: '\uDC00' }, Input: { a: { b: ['ok', 'x\uDBFF'] } } })).toEqual([
      'Key: holds a lone UTF-16 surrogate (\\uD800 at character 1), which is not Unicode text; give well-formed text',
      'Credentials.SecretArn: holds a lone UTF-16 surrogate (\\uDC00 at character 0), which is not Unicode text; give well-formed text',
      'Input.a.b.1: holds a lone UTF-16 surrogate (\\uDBFF at character 1), which is not Unicode text; give well-formed text',
    ]);
  });

  test('an object key with a lone surrogate is named, escaped, so that the message itself is well-formed', () => {
    const [problem] = illFormedStrings({ Input: { 'k\uDFFF': 'v' } });
    expect(problem).toBe('Input.k\\uDFFF: the key holds a lone UTF-16 surrogate (\\uDFFF at character 1), which is not Unicode text; give well-formed text');
    expect(problem.isWellFormed()).toBe(true);
  });

  test('a surrogate pair split across two strings is two problems, not one pair', () => {
    expect(illFormedStrings({ A: '\uD83D', B: '\uDE80' })).toHaveLength(2);
  });
});

describe('rejectIllFormedStrings', () => {
  test('throws InvalidRequest listing the properties at fault', () => {
    expect(() => rejectIllFormedStrings({ Key: '\uD800', VersionId: '\uDC00' })).toThrow(
      expect.objectContaining({ errorCode: 'InvalidRequest', message: expect.stringMatching(/^Invalid properties: Key: .*; VersionId: /) }),
    );
    expect(() => rejectIllFormedStrings(undefined)).not.toThrow();
  });
});

type ReplaceAll = (text: string, search: unknown, replacement: string) => string;
// Both are untyped CommonJS: the polyfill the cfn library depends on, and the stand-in tools/bundle.ts aliases to it.
const polyfill: ReplaceAll = require('string.prototype.replaceall');
const shim: ReplaceAll = require('../../tools/shims/string-replace-all');

describe('the string.prototype.replaceall stand-in of the handler bundles', () => {
  // The cfn library redacts the bearer token and every credential value from each log line with it.
  test.each<[string, unknown, string]>([
    ['key=AKIA secret=AKIA', 'AKIA', '<REDACTED>'],
    ['token a.b.c in a.b.c', 'a.b.c', '<REDACTED>'],
    ['no session token: undefined', undefined, '<REDACTED>'],
    ['$& and $1 in the value', '$&', '<REDACTED>'],
    ['replacement patterns', 'patterns', '[$&]'],
    ['', 'x', 'y'],
  ])('replaces like the polyfill: %j, %j', (text, search, replacement) => {
    expect(shim(text, search, replacement)).toBe(polyfill(text, search, replacement));
  });
});

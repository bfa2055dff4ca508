import { invalidRequest } from './errors';

declare global {
  interface String {
    /** ES2024, in Node since 20: false when the string holds a lone UTF-16 surrogate. */
    isWellFormed(): boolean;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses any string in the properties, value or object key, that is not well-formed UTF-16. JSON can carry a lone
 * surrogate ("\ud800") and no schema pattern refuses it, but no UTF-8 encoding can: URI encoding throws on it (an S3
 * Key became InternalFailure "URI malformed"), and every service and git server would see other text than was given.
 */
export function rejectIllFormedStrings(properties: unknown, path: readonly string[] = []): void {
  const problems = illFormedStrings(properties, path);
  if (problems.length > 0) throw invalidRequest(`Invalid properties: ${problems.join('; ')}`);
}

/** One problem per offending string, each naming its property path as validate.ts does (`Input.a.0.b`). */
export function illFormedStrings(value: unknown, path: readonly string[] = []): string[] {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [`${at(path)}: ${describe(value)}`];
  if (value === null || typeof value !== 'object') return [];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (!key.isWellFormed()) problems.push(`${at([...path, printable(key)])}: the key ${describe(key)}`);
    problems.push(...illFormedStrings(child, [...path, printable(key)]));
  }
  return problems;
}

const at = (path: readonly string[]) => (path.length > 0 ? path.join('.') : '(properties)');

function describe(text: string): string {
  const index = text.search(LONE_SURROGATE);
  const unit = text.charCodeAt(index).toString(16).toUpperCase();
  return `holds a lone UTF-16 surrogate (\\u${unit} at character ${index}), which is not Unicode text; give well-formed text`;
}

/** The text with each lone surrogate written as its `\uXXXX` escape, so the message itself stays well-formed. */
function printable(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE, 'g'), (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase()}`);
}

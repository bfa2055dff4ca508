import { invalidRequest } from './errors';
import { rejectIllFormedStrings } from './well-formed';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A property that holds a JSON document: a template object as it is, or a string that must hold JSON (for values
 * built with Fn::Sub or Fn::Join).
 */
export function jsonProperty(value: unknown, property: string): unknown {
  if (typeof value !== 'string') return value;
  let document: unknown;
  try {
    document = JSON.parse(value);
  } catch {
    throw invalidRequest(`${property}: the string is not valid JSON`);
  }
  // JSON text can spell a lone surrogate as an escape ("\ud800"), which the check of the raw properties cannot see.
  rejectIllFormedStrings(document, [property]);
  return document;
}

/**
 * Fills what `document` lacks from `defaults`: objects are merged key by key at every depth and the document's
 * value wins wherever both have one. Arrays and scalars are values, taken whole, never merged item by item.
 */
export function withDefaults(document: unknown, defaults: unknown): unknown {
  if (!isPlainObject(document) || !isPlainObject(defaults)) return document === undefined ? defaults : document;
  // Object.fromEntries defines keys as own data properties, so a key such as __proto__ stays a plain key.
  return Object.fromEntries([
    ...Object.entries(defaults).filter(([key]) => !Object.hasOwn(document, key)),
    ...Object.entries(document).map(([key, value]) => [key, Object.hasOwn(defaults, key) ? withDefaults(value, defaults[key]) : value]),
  ]);
}

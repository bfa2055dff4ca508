import { invalidRequest } from '../../../runtime';

/** A value the SDK hands back as a body: a Node stream with the SDK's mixin (S3 GetObject's Body). */
interface SdkStream {
  transformToString(encoding?: string): Promise<string>;
}

const isStream = (value: unknown): value is SdkStream => typeof (value as SdkStream | null)?.transformToString === 'function';

/**
 * The answer as plain JSON: binary fields (Lambda's Payload) and streams (S3's Body) become UTF-8 text, dates their
 * ISO text, and the SDK's `$metadata` is left out. Streams are read here, while the call's connection is open; a
 * streaming member is always a top-level member of an operation's output, so only those are awaited.
 */
export async function plainAnswer(answer: unknown): Promise<unknown> {
  if (isStream(answer)) return answer.transformToString('utf-8');
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer) || answer instanceof Uint8Array || answer instanceof Date) return plain(answer);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answer)) {
    if (key === '$metadata' || value === undefined) continue;
    out[key] = isStream(value) ? await value.transformToString('utf-8') : plain(value);
  }
  return out;
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = plain(child);
    return out;
  }
  return value;
}

/** The pages of a paginated call as one answer: list fields joined in page order, every other field the last page's. */
export function concatenatedPages(pages: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const page of pages) {
    for (const [key, value] of Object.entries(page)) {
      const before = out[key];
      out[key] = Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value;
    }
  }
  // The last page's token fields are absent (no more pages), so a token of an earlier page must not survive.
  const last = pages.at(-1) ?? {};
  for (const key of Object.keys(out)) if (!(key in last) && !Array.isArray(out[key])) delete out[key];
  return out;
}

/**
 * The answer with the JSON text at each of `paths` parsed (S3 Body, an SSM parameter's Value), so that OutputPaths
 * and Expose address inside it. `property` names the ParseJson list for the messages.
 */
export function withParsedJson(answer: unknown, paths: readonly string[] | undefined, property: string, what: string): unknown {
  let document = answer;
  for (const path of paths ?? []) {
    const keys = path.split('.');
    document = replaced(document, keys, (text) => {
      if (typeof text !== 'string') throw invalidRequest(`${property}: '${path}' in ${what} is ${text === undefined ? 'absent' : 'not text'}, so it holds no JSON to parse`);
      try {
        return JSON.parse(text);
      } catch {
        throw invalidRequest(`${property}: '${path}' in ${what} is not JSON text (it begins ${JSON.stringify(text.slice(0, 40))})`);
      }
    });
  }
  return document;
}

/** A copy of `node` with the value at `keys` replaced by `change(value)`; containers on the way are copied, never changed. */
function replaced(node: unknown, keys: readonly string[], change: (value: unknown) => unknown): unknown {
  if (keys.length === 0) return change(node);
  const [key, ...rest] = keys;
  if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < node.length) {
    const copy = [...node];
    copy[Number(key)] = replaced(node[Number(key)], rest, change);
    return copy;
  }
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, key)) {
    return { ...(node as Record<string, unknown>), [key]: replaced((node as Record<string, unknown>)[key], rest, change) };
  }
  return change(undefined);
}

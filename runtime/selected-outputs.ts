import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { invalidRequest } from './errors';

/**
 * `Outputs`: the values a template names in `Expose`, one level down, every value a string. This is the form
 * `AWS::ServiceCatalog::CloudFormationProvisionedProduct` documents for `!GetAtt Product.Outputs.<Key>` (one
 * `patternProperties` object of strings, keys `^[A-Za-z0-9]{1,64}$`), so `!GetAtt Train.Outputs.ModelUri` rests
 * on a precedent rather than on the deeper `Output` tree, which nobody has seen CloudFormation accept.
 */
export type SelectedOutputs = Record<string, string>;

/** As many names as `OutputPaths` takes paths; the schemas say the same with maxProperties. */
export const EXPOSE_MAX_NAMES = 100;
/** One value's size in UTF-8 bytes: what CloudFormation allows a template parameter's value, where such values often go next. */
export const EXPOSED_VALUE_MAX_BYTES = 4_096;
/**
 * All values together: the record keeps the model twice (as read returns it and as the last good run), so this
 * bounds what `Outputs` adds to it well inside the record's ~250 KB, whatever else the record holds.
 */
export const EXPOSED_TOTAL_MAX_BYTES = 32_768;

/** What the values were selected from, for the messages: `the output of execution '…'`, and whether work ran. */
export interface ExposeSource {
  /** The document, as a message names it: "the output of execution 'arn:…'". */
  readonly what: string;
  /** For a task: that the work ran, so the user knows a fix of the template runs it again ("the execution ran and succeeded"). */
  readonly ran?: string;
}

/**
 * The `Outputs` of `document` (parsed JSON) for `expose` (attribute name → dot path, array items by index, the
 * dot paths of `OutputPaths`; `value` names a document that is not an object or array). A string value is
 * kept as it is; any other value as its JSON text, which parses back to it. Undefined when there is no `Expose`.
 * Throws InvalidRequest naming `Expose.<name>` for a path that is not in the document or a value too long.
 */
export function selectedOutputs(document: unknown, expose: Readonly<Record<string, string>> | undefined, source: ExposeSource): SelectedOutputs | undefined {
  return select(expose, source, (path) => valueAt(document, path), 'no value at path');
}

/**
 * The `Outputs` of a map of strings (such as S3 user metadata) for `expose` (attribute name → key). Keys match
 * whatever their case, as S3 keeps user-metadata keys in lower case whatever case they were written in.
 */
export function selectedEntries(entries: Readonly<Record<string, string>>, expose: Readonly<Record<string, string>> | undefined, source: ExposeSource): SelectedOutputs | undefined {
  const byKey = new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), value]));
  return select(expose, source, (key) => (byKey.has(key.toLowerCase()) ? { value: byKey.get(key.toLowerCase()) } : undefined), 'no key');
}

/**
 * A task's outcome with its `Outputs` added, or, when `Expose` names what the output does not hold, a failed outcome
 * (InvalidRequest): the work has run by then, so the failure must not claim it did not. `documentOf` is called only
 * when there is something to select, so a task without `Expose` parses nothing twice.
 */
export function withSelectedOutputs<A extends object>(attributes: A, expose: Readonly<Record<string, string>> | undefined, documentOf: () => unknown, source: ExposeSource): OutcomeWithOutputs<A> {
  if (expose === undefined) return { ok: true, attributes };
  try {
    return { ok: true, attributes: { ...attributes, Outputs: selectedOutputs(documentOf(), expose, source) } };
  } catch (err) {
    if ((err as { errorCode?: string }).errorCode !== HandlerErrorCode.InvalidRequest) throw err;
    return { ok: false, errorCode: HandlerErrorCode.InvalidRequest, message: (err as Error).message, attributes };
  }
}

/** A task's `Outcome`, as `withSelectedOutputs` gives it. */
export type OutcomeWithOutputs<A> =
  | { readonly ok: true; readonly attributes: A & { Outputs?: SelectedOutputs } }
  | { readonly ok: false; readonly errorCode: HandlerErrorCode; readonly message: string; readonly attributes: A };

function select(
  expose: Readonly<Record<string, string>> | undefined,
  source: ExposeSource,
  find: (reference: string) => { value: unknown } | undefined,
  missing: string,
): SelectedOutputs | undefined {
  if (expose === undefined) return undefined;
  const names = Object.keys(expose);
  if (names.length > EXPOSE_MAX_NAMES) throw invalidRequest(`Expose: ${names.length} names, more than the ${EXPOSE_MAX_NAMES} Outputs may hold`);
  const ran = source.ran ? ` (${source.ran})` : '';
  const out: SelectedOutputs = {};
  let total = 0;
  for (const name of names) {
    const reference = expose[name];
    const found = find(reference);
    if (!found) throw invalidRequest(`Expose.${name}: ${missing} '${reference}' in ${source.what}${ran}`);
    const text = typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > EXPOSED_VALUE_MAX_BYTES) {
      throw invalidRequest(
        `Expose.${name}: the value at '${reference}' in ${source.what} is ${bytes} bytes, more than the ${EXPOSED_VALUE_MAX_BYTES} ` +
          `one Outputs value may hold; expose smaller parts of it${ran}`,
      );
    }
    total += bytes;
    out[name] = text;
  }
  if (total > EXPOSED_TOTAL_MAX_BYTES) {
    throw invalidRequest(`Expose: the values come to ${total} bytes, more than the ${EXPOSED_TOTAL_MAX_BYTES} Outputs may hold in all; expose fewer or smaller values${ran}`);
  }
  return out;
}

/**
 * The value at a dot path: object keys and array indexes (`metrics.0.accuracy`), own properties only. A document
 * that is not an object or array is at the path `value`, as `Output.value` is.
 */
function valueAt(document: unknown, path: string): { value: unknown } | undefined {
  if (document === null || typeof document !== 'object') return path === 'value' ? { value: document } : undefined;
  let node: unknown = document;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key) || Number(key) >= node.length) return undefined;
      node = node[Number(key)];
    } else if (node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  return { value: node };
}

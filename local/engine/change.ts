import { isDeepStrictEqual } from 'node:util';
import { ResourceTypeSpec } from './types/resource-type';

/** What an update does to one resource, decided from its deployed and its new (evaluated) properties. */
export type ResourceChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'update'; readonly changed: readonly string[] }
  /** `because`: the create-only properties that changed, or `Type` when the type did. */
  | { readonly kind: 'replace'; readonly changed: readonly string[]; readonly because: readonly string[] };

/**
 * Update in place, or replace when a create-only property (as the type's schema or native spec says) or the type
 * changed. A property that is absent and one set to its absence compare equal: both are missing keys here.
 */
export function resourceChange(
  before: { readonly type: string; readonly properties: Readonly<Record<string, unknown>> },
  after: { readonly type: string; readonly properties: Readonly<Record<string, unknown>> },
  spec: ResourceTypeSpec,
): ResourceChange {
  const names = [...new Set([...Object.keys(before.properties), ...Object.keys(after.properties)])];
  const changed = names.filter((name) => !isDeepStrictEqual(before.properties[name], after.properties[name]));
  if (before.type !== after.type) return { kind: 'replace', changed, because: ['Type'] };
  if (changed.length === 0) return { kind: 'none' };
  const because = changed.filter((name) => spec.createOnlyProperties.includes(name));
  return because.length > 0 ? { kind: 'replace', changed, because } : { kind: 'update', changed };
}

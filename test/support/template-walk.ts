/**
 * The part of a CloudFormation engine the end-to-end test needs, and no more: the order a synthesized template's
 * resources are created in, and Ref / Fn::GetAtt / Fn::Join resolved from the models the handlers returned. Issue
 * 11's engine (local/engine) replaces it; anything else it meets is refused, so the test cannot pass by skipping it.
 */
import { LOCAL_AWS } from '../../local/local-aws';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

export interface SynthesizedTemplate {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

/** What a created resource answers to: its Ref and its attributes (the model its handler returned). */
export interface CreatedResource {
  readonly ref: string;
  readonly model: Record<string, unknown>;
}

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': LOCAL_AWS.accountId,
  'AWS::Region': LOCAL_AWS.region,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Logical ids `value` refers to through Ref and Fn::GetAtt (pseudo parameters excluded). */
export function referencesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencesOf(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string' && !(v in PSEUDO_PARAMETERS)) found.add(v);
      else if (key === 'Fn::GetAtt' && Array.isArray(v)) found.add(String(v[0]));
      else referencesOf(v, found);
    }
  }
  return found;
}

/** Logical ids in an order that creates every resource after those it refers to or depends on. */
export function creationOrder(resources: SynthesizedTemplate['Resources']): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`dependency cycle: ${[...path, id].join(' -> ')}`);
    const resource = resources[id];
    if (!resource) throw new Error(`${path[path.length - 1]} refers to ${id}, which the template does not hold`);
    state.set(id, 'visiting');
    const dependsOn = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
    for (const next of [...dependsOn, ...referencesOf(resource.Properties ?? {})]) visit(next, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(resources)) visit(id, []);
  return order;
}

/**
 * An attribute of a registry model. `Outputs.ModelUri` and `Metadata.stage` name one key of an object attribute;
 * `Output.model.uri` walks the dot path when no key holds the whole rest.
 */
function attributeOf(model: Record<string, unknown>, name: string): unknown {
  const dot = name.indexOf('.');
  if (dot < 0) return model[name];
  const holder = model[name.slice(0, dot)] as Record<string, unknown> | undefined;
  const rest = name.slice(dot + 1);
  if (holder && rest in holder) return holder[rest];
  return rest.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), holder);
}

/** `value` with every Ref, Fn::GetAtt and Fn::Join replaced by what the created resources answer. */
export function resolve(value: unknown, created: ReadonlyMap<string, CreatedResource>, at = 'value'): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolve(v, created, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && (key === 'Ref' || key.startsWith('Fn::'))) {
    if (key === 'Ref') {
      const id = arg as string;
      if (id in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[id];
      return createdOrThrow(created, id, at).ref;
    }
    if (key === 'Fn::GetAtt') {
      const [id, name] = arg as [string, string];
      const attribute = attributeOf(createdOrThrow(created, id, at).model, name);
      if (attribute === undefined) throw new Error(`${at}: ${id} has no attribute ${name}`);
      return attribute;
    }
    if (key === 'Fn::Join') {
      const [separator, parts] = arg as [string, unknown[]];
      return (resolve(parts, created, at) as unknown[]).map(String).join(separator);
    }
    throw new Error(`${at}: ${key} is not resolved here (Ref, Fn::GetAtt and Fn::Join are)`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, created, `${at}.${k}`)]));
}

function createdOrThrow(created: ReadonlyMap<string, CreatedResource>, id: string, at: string): CreatedResource {
  const resource = created.get(id);
  if (!resource) throw new Error(`${at}: ${id} is not created yet`);
  return resource;
}

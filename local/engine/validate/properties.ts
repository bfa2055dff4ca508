import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { describeValue } from '../intrinsics/args';
import { intrinsicCall } from '../intrinsics/names';
import { TemplateError } from '../template/diagnostic';
import { isWithin, TemplatePath } from '../template/path';
import { JsonType, ResourceTypeSpec } from '../types/resource-type';
import { didYouMean } from './did-you-mean';
import { TemplateScope } from './scope';
import { describeType, placeholder, staticType } from './static-type';

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * An Orch type is checked with the options of runtime/validate.ts, so a template that passes here passes the
 * handler's own check. A native type takes scalars as CloudFormation does (`Value: 1` where text goes, `"30"` where
 * a number goes): ajv's coerceTypes, on the prepared copy only.
 */
function compile(spec: ResourceTypeSpec): ValidateFunction {
  let validate = compiled.get(spec);
  if (!validate) {
    validate = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes: spec.kind === 'native' }).compile(spec.propertiesSchema);
    compiled.set(spec, validate);
  }
  return validate;
}

/** Intrinsic calls in a value: replaced by a value of their type when it is known, left out of the check otherwise. */
interface Prepared {
  readonly value: unknown;
  readonly typed: Map<string, { fn: string; type: JsonType }>;
  readonly opaque: TemplatePath[];
}

function prepare(value: unknown, path: TemplatePath, scope: TemplateScope, out: Omit<Prepared, 'value'>): unknown {
  const call = intrinsicCall(value);
  if (call) {
    const type = staticType(value, scope);
    if (!type) {
      out.opaque.push(path);
      return value;
    }
    out.typed.set(JSON.stringify(path), { fn: call.name, type });
    return placeholder(type);
  }
  if (Array.isArray(value)) return value.map((item, i) => prepare(item, [...path, i], scope, out));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, prepare(item, [...path, key], scope, out)]));
  }
  return value;
}

/** An ajv instance path as a template path: list indexes become numbers, as formatPath shows them. */
function toPath(base: TemplatePath, pointer: string, root: unknown): TemplatePath {
  const path: (string | number)[] = [...base];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(part) : part;
    path.push(key);
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

/**
 * Checks a resource's properties against its type: unknown, missing and wrong-typed properties, read-only ones
 * set, patterns and enums, each error at its template path. Intrinsics of a known type are checked for that type only.
 */
export function checkProperties(logicalId: string, spec: ResourceTypeSpec, properties: unknown, scope: TemplateScope): TemplateError[] {
  const base = ['Resources', logicalId, 'Properties'];
  if (intrinsicCall(properties)) return [];
  if (properties !== undefined && (!properties || typeof properties !== 'object' || Array.isArray(properties))) {
    return [new TemplateError(base, `Properties must be a mapping, not ${describeValue(properties)}`)];
  }
  const errors: TemplateError[] = [];
  const given = { ...(properties as Record<string, unknown> | undefined) };
  for (const name of Object.keys(given)) {
    if (spec.readOnlyProperties.includes(name)) {
      errors.push(new TemplateError([...base, name], `read-only property of ${spec.typeName}: an attribute, read it with Fn::GetAtt`));
      delete given[name];
    }
  }
  const prepared = { typed: new Map(), opaque: [] } as Omit<Prepared, 'value'>;
  const value = prepare(given, base, scope, prepared);
  const validate = compile(spec);
  if (validate(value)) return errors;

  const byPath = new Map<string, { path: TemplatePath; errors: ErrorObject[] }>();
  for (const error of validate.errors ?? []) {
    const path = toPath(base, error.instancePath, value);
    if (error.keyword === 'if' || prepared.opaque.some((opaque) => isWithin(path, opaque))) continue;
    // The alternatives of a top-level oneOf are said once, by its own error.
    if (error.keyword === 'required' && error.schemaPath.startsWith('#/oneOf/')) continue;
    const key = JSON.stringify(path);
    if (!byPath.has(key)) byPath.set(key, { path, errors: [] });
    byPath.get(key)!.errors.push(error);
  }
  for (const [key, { path, errors: found }] of byPath) {
    const intrinsic = prepared.typed.get(key);
    const types = found.filter((e) => e.keyword === 'type').flatMap((e) => [e.params.type as string | string[]].flat());
    // Text from an intrinsic where a number or boolean is wanted may be converted on the way (CloudFormation
    // converts "30" for an integer property), so only a list or mapping where a scalar goes counts as wrong.
    const convertible = intrinsic?.type === 'string' && types.every((t) => ['number', 'integer', 'boolean'].includes(t));
    if (types.length > 0 && !convertible) {
      const expected = [...new Set(types)].map(describeType).join(' or ');
      const actual = intrinsic ? `${intrinsic.fn} gives ${describeType(intrinsic.type)}` : `not ${describeValue(found[0].data)}`;
      errors.push(new TemplateError(path, `must be ${expected}, ${intrinsic ? 'but ' : ''}${actual}`));
      continue;
    }
    // A placeholder stands for a value unknown until deployment: only its type is checked.
    if (intrinsic) continue;
    for (const error of found) errors.push(describe(error, path, spec, path.length === base.length));
  }
  return dedupe(errors);
}

function describe(error: ErrorObject, path: TemplatePath, spec: ResourceTypeSpec, topLevel: boolean): TemplateError {
  const params = error.params as Record<string, unknown>;
  const of = topLevel ? ` of ${spec.typeName}` : '';
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return new TemplateError([...path, name], `unknown property${of}${didYouMean(name, known)}`);
    }
    case 'required':
      return new TemplateError(path, `${topLevel ? `${spec.typeName} requires` : 'requires'} ${String(params.missingProperty)}`);
    case 'pattern':
      return new TemplateError(path, `'${String(error.data).slice(0, 200)}' does not match ${String(params.pattern)}`);
    case 'enum':
      return new TemplateError(path, `must be one of ${(params.allowedValues as unknown[]).join(', ')}, not '${String(error.data)}'`);
    case 'oneOf': {
      const names = alternativeNames(error);
      if (topLevel && names) {
        const both = Array.isArray(params.passingSchemas);
        return new TemplateError(path, `${spec.typeName} requires one of ${names.join(' or ')}${both ? ', not more than one' : ''}`);
      }
      return new TemplateError(path, 'matches none of the forms the schema allows');
    }
    case 'anyOf':
      return new TemplateError(path, 'matches none of the forms the schema allows');
    default:
      return new TemplateError(path, error.message ?? error.keyword);
  }
}

/** The property names of a oneOf whose alternatives are each one required list, else undefined. */
function alternativeNames(error: ErrorObject): string[] | undefined {
  const alternatives = error.schema as unknown;
  if (!Array.isArray(alternatives)) return undefined;
  const names = alternatives.map((a) => (a && Array.isArray(a.required) && Object.keys(a).length === 1 ? (a.required as string[]).join(' and ') : undefined));
  return names.every((n): n is string => !!n) ? names : undefined;
}

function dedupe(errors: TemplateError[]): TemplateError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && !!seen.add(e.message));
}

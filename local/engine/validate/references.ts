import { argList, LIST_ARITY } from '../intrinsics/args';
import { intrinsicCall } from '../intrinsics/names';
import { PSEUDO_PARAMETER_NAMES } from '../pseudo-parameters';
import { collectReferences } from '../references';
import { TemplateError } from '../template/diagnostic';
import { TemplatePath } from '../template/path';
import { didYouMean } from './did-you-mean';
import { TemplateScope } from './scope';

const PSEUDO = new Set<string>(PSEUDO_PARAMETER_NAMES);

/**
 * Refs, Fn::GetAtt and `${}` variables that name nothing: unknown resources, parameters or attributes
 * (Outputs.<Name> included); conditions, mappings and functions that do not exist.
 * `value` sits at `path`; in a Conditions entry (`inCondition`) a resource is not a valid target.
 */
export function checkReferences(value: unknown, path: TemplatePath, scope: TemplateScope, inCondition = false): TemplateError[] {
  const errors: TemplateError[] = [];
  const names = [...Object.keys(scope.parameters), ...Object.keys(scope.resources), ...PSEUDO];
  for (const ref of collectReferences(value, path)) {
    // An empty Ref is an argument error (checkArguments), not a reference to something.
    if (ref.target === '') continue;
    const shown = ref.kind === 'Ref' ? `Ref to ${ref.target}` : ref.kind === 'GetAtt' ? `Fn::GetAtt ${ref.target}.${ref.attribute ?? '(computed)'}` : `Fn::Sub \${${ref.target}${ref.attribute ? `.${ref.attribute}` : ''}}`;
    const isResource = ref.target in scope.resources;
    const isName = isResource || ref.target in scope.parameters || PSEUDO.has(ref.target);
    if (ref.kind === 'GetAtt' && !isResource) {
      const what = ref.target in scope.parameters ? `${ref.target} is a parameter, not a resource` : `no resource named ${ref.target}${didYouMean(ref.target, Object.keys(scope.resources))}`;
      errors.push(new TemplateError(ref.path, `${shown}: ${what}`));
    } else if (!isName) {
      errors.push(new TemplateError(ref.path, `${shown}: no parameter or resource named ${ref.target}${didYouMean(ref.target, names)}`));
    } else if (inCondition && isResource) {
      errors.push(new TemplateError(ref.path, `${shown}: a condition cannot reference a resource`));
    } else if (ref.attribute !== undefined) {
      if (!isResource) {
        errors.push(new TemplateError(ref.path, `${shown}: ${ref.target} is not a resource, so it has no attribute ${ref.attribute}`));
        continue;
      }
      const reason = scope.typeOf(ref.target)?.checkAttribute(ref.attribute, scope.propertiesOf(ref.target));
      if (reason) errors.push(new TemplateError(ref.path, `${shown}: ${reason}`));
    }
  }
  walkCalls(value, path, (name, args, at) => {
    if (!intrinsicCall({ [name]: args })?.known) {
      errors.push(new TemplateError(at, `${name} is not a function the local engine supports`));
      return;
    }
    const shape = checkArguments(name, args, [...at, name]);
    if (shape) errors.push(shape);
    else if (name === 'Fn::If') {
      const condition = Array.isArray(args) ? args[0] : undefined;
      if (typeof condition === 'string') errors.push(...checkCondition(condition, [...at, name, 0], scope));
    } else if (name === 'Fn::FindInMap' && Array.isArray(args)) {
      errors.push(...checkMapping(args, [...at, name], scope));
    }
  });
  if (inCondition) errors.push(...conditionOperands(value, path, scope));
  return errors;
}

function conditionOperands(value: unknown, path: TemplatePath, scope: TemplateScope): TemplateError[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => conditionOperands(item, [...path, i], scope));
  if (!value || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === 'Condition' && typeof entries[0][1] === 'string') {
    return checkCondition(entries[0][1], [...path, 'Condition'], scope);
  }
  return entries.flatMap(([key, item]) => conditionOperands(item, [...path, key], scope));
}

/** The argument count of a function taking a list (the string forms of Fn::GetAtt and Fn::Sub aside), and Ref's name. */
function checkArguments(name: string, args: unknown, path: TemplatePath): TemplateError | undefined {
  if (name === 'Ref') return typeof args === 'string' && args !== '' ? undefined : new TemplateError(path, 'Ref takes the name of a parameter or resource');
  if (name === 'Fn::Sub' && Array.isArray(args) && args.length === 2) {
    if (typeof args[0] !== 'string') return new TemplateError([...path, 0], 'the Fn::Sub string must be text');
    const variables = args[1];
    if (!variables || typeof variables !== 'object' || Array.isArray(variables) || intrinsicCall(variables)) {
      return new TemplateError([...path, 1], 'the Fn::Sub variables must be a mapping of names to values');
    }
  }
  if (!(name in LIST_ARITY) || (typeof args === 'string' && (name === 'Fn::Sub' || (name === 'Fn::GetAtt' && args.includes('.'))))) return undefined;
  try {
    argList(args, path, name as keyof typeof LIST_ARITY);
    return undefined;
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
}

/** `{Condition: X}` operands and condition names (Fn::If, a resource's or an output's Condition). */
export function checkCondition(name: string, path: TemplatePath, scope: TemplateScope): TemplateError[] {
  if (name in scope.conditions) return [];
  return [new TemplateError(path, `no condition named ${name} in Conditions${didYouMean(name, Object.keys(scope.conditions))}`)];
}

function checkMapping(args: unknown[], path: TemplatePath, scope: TemplateScope): TemplateError[] {
  const [map, top, second] = args;
  if (typeof map !== 'string') return [];
  const table = scope.mappings[map] as Record<string, Record<string, unknown> | undefined> | undefined;
  if (!table) return [new TemplateError([...path, 0], `no mapping named ${map} in Mappings${didYouMean(map, Object.keys(scope.mappings))}`)];
  // A fourth argument gives a default, and computed keys are known only at deploy time.
  if (args.length > 3 || typeof top !== 'string') return [];
  if (!(top in table)) return [new TemplateError([...path, 1], `mapping ${map} has no key ${top}`)];
  if (typeof second === 'string' && !(second in (table[top] ?? {}))) return [new TemplateError([...path, 2], `mapping ${map} has no key ${top}.${second}`)];
  return [];
}

/** Calls every function call in `value` (name, raw arguments, the path of the object holding it). */
function walkCalls(value: unknown, path: TemplatePath, visit: (name: string, args: unknown, at: TemplatePath) => void): void {
  const call = intrinsicCall(value);
  if (call) {
    visit(call.name, call.args, path);
    return walkCalls(call.args, [...path, call.name], visit);
  }
  if (Array.isArray(value)) value.forEach((item, i) => walkCalls(item, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkCalls(item, [...path, key], visit);
}

/** Conditions that name themselves through others, each cycle reported once at its first condition. */
export function checkConditionCycles(scope: TemplateScope): TemplateError[] {
  const uses = new Map<string, string[]>();
  for (const [name, definition] of Object.entries(scope.conditions)) {
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const entries = Object.entries(node);
      if (entries.length === 1 && entries[0][0] === 'Condition' && typeof entries[0][1] === 'string') found.push(entries[0][1]);
      else entries.forEach(([, item]) => walk(item));
    };
    walk(definition);
    uses.set(name, found);
  }
  const errors: TemplateError[] = [];
  const reported = new Set<string>();
  for (const start of uses.keys()) {
    const trail: string[] = [];
    const visit = (name: string): string[] | undefined => {
      if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
      trail.push(name);
      for (const next of uses.get(name) ?? []) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
      trail.pop();
      return undefined;
    };
    const cycle = visit(start);
    if (cycle && cycle[0] === start && !cycle.some((name) => reported.has(name))) {
      cycle.forEach((name) => reported.add(name));
      errors.push(new TemplateError(['Conditions', start], `circular condition: ${cycle.join(' -> ')}`));
    }
  }
  return errors;
}

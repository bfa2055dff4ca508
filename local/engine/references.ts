import { intrinsicCall } from './intrinsics/names';
import { splitSubVariable, subParts } from './intrinsics/sub-parts';
import { TemplatePath } from './template/path';

/** A name a template value refers to, and where: what the graph draws edges from and validation checks. */
export interface Reference {
  readonly kind: 'Ref' | 'GetAtt' | 'Sub';
  /** A resource, parameter or pseudo parameter name. */
  readonly target: string;
  /** The attribute of GetAtt or `${X.Attr}`; absent for Ref, or when the attribute is itself computed. */
  readonly attribute?: string;
  readonly path: TemplatePath;
}

export interface ReferenceOptions {
  /**
   * The value of a condition, to follow only the Fn::If branch it chooses (as a deployment does). Without it,
   * both branches count, as validation needs.
   */
  readonly condition?: (name: string) => boolean;
}

/** Every Ref, Fn::GetAtt and Fn::Sub variable in `value`, excluding a Sub's own variables. */
export function collectReferences(value: unknown, path: TemplatePath, options: ReferenceOptions = {}): Reference[] {
  const found: Reference[] = [];
  walk(value, path);
  return found;

  function walk(node: unknown, at: TemplatePath): void {
    const call = intrinsicCall(node);
    if (call) {
      const argsPath = [...at, call.name];
      const args = call.args;
      // A reference is reported where the call sits (`Resources.A.Properties.Key`); its message names the function.
      if (call.name === 'Ref' && typeof args === 'string') return void found.push({ kind: 'Ref', target: args, path: at });
      if (call.name === 'Fn::GetAtt') return getAtt(args, at);
      if (call.name === 'Fn::Sub') return sub(args, at);
      if (call.name === 'Fn::If' && options.condition && Array.isArray(args) && typeof args[0] === 'string') {
        const branch = options.condition(args[0]) ? 1 : 2;
        return walk(args[branch], [...argsPath, branch]);
      }
      return walk(args, argsPath);
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...at, i]));
    else if (node && typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, [...at, key]);
  }

  function getAtt(args: unknown, at: TemplatePath): void {
    const parts = typeof args === 'string' ? [args.split('.')[0], args.slice(args.indexOf('.') + 1)] : args;
    if (!Array.isArray(parts) || typeof parts[0] !== 'string') return walk(args, at);
    const attribute = typeof parts[1] === 'string' ? parts[1] : undefined;
    found.push({ kind: 'GetAtt', target: parts[0], attribute, path: at });
    if (attribute === undefined) walk(parts[1], [...at, 'Fn::GetAtt', 1]);
  }

  function sub(args: unknown, at: TemplatePath): void {
    const [text, variables] = Array.isArray(args) ? args : [args, undefined];
    const own = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
    if (typeof text === 'string') {
      for (const part of subParts(text)) {
        if (!('variable' in part) || part.variable in own) continue;
        const { name, attribute } = splitSubVariable(part.variable);
        found.push({ kind: 'Sub', target: name, attribute, path: at });
      }
    } else {
      walk(text, [...at, 'Fn::Sub', 0]);
    }
    for (const [key, item] of Object.entries(own)) walk(item, [...at, 'Fn::Sub', 1, key]);
  }
}

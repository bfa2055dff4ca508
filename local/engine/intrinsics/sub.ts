import { TemplateError } from '../template/diagnostic';
import { argList, asString, describeValue } from './args';
import { Intrinsic } from './intrinsic';
import { splitSubVariable, subParts } from './sub-parts';

/** Fn::Sub, both forms: a string, or [string, {Name: value}] whose variables come before parameters and resources. */
export const sub: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    const [template, variables] = typeof args === 'string' ? [args, {}] : argList(args, path, 'Fn::Sub');
    const text = asString(template, Array.isArray(args) ? [...path, 0] : path, 'the Fn::Sub string');
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) {
      throw new TemplateError([...path, 1], `the Fn::Sub variables must be a mapping, not ${describeValue(variables)}`);
    }
    const own = variables as Record<string, unknown>;
    return subParts(text)
      .map((part) => {
        if ('text' in part) return part.text;
        const value = resolveVariable(part.variable);
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
        throw new TemplateError(path, `Fn::Sub \${${part.variable}} is ${describeValue(value)}, not a string`);
      })
      .join('');

    function resolveVariable(variable: string): unknown {
      if (Object.prototype.hasOwnProperty.call(own, variable)) return evaluate(own[variable], [...path, 1, variable]);
      const { name, attribute } = splitSubVariable(variable);
      const known = context.pseudoParameters.has(name) || context.parameters.has(name) || context.resourceIds.has(name);
      if (!known) throw new TemplateError(path, `Fn::Sub \${${variable}}: no parameter or resource named ${name}`);
      if (attribute !== undefined && !context.resourceIds.has(name)) {
        throw new TemplateError(path, `Fn::Sub \${${variable}}: ${name} is not a resource, so it has no attribute ${attribute}`);
      }
      return evaluate(attribute === undefined ? { Ref: name } : { 'Fn::GetAtt': [name, attribute] }, path);
    }
  },
};

import { TemplateError } from '../template/diagnostic';
import { asString } from './args';
import { Intrinsic } from './intrinsic';

/** Ref: a pseudo parameter, a parameter, or a resource's Ref value, in that order (as CloudFormation looks names up). */
export const ref: Intrinsic = {
  evaluate(args, path, { context }) {
    const name = asString(args, path, 'Ref');
    if (context.pseudoParameters.has(name)) return context.pseudoParameters.get(name);
    if (name.startsWith('AWS::')) throw new TemplateError(path, `Ref to ${name}: no such pseudo parameter`);
    const parameter = context.parameters.get(name);
    if (parameter !== undefined) return parameter;
    if (context.resourceIds.has(name)) return context.resolver.ref(name, path);
    throw new TemplateError(path, `Ref to ${name}: no parameter or resource named ${name}`);
  },
};

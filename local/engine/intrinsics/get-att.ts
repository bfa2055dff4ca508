import { TemplateError } from '../template/diagnostic';
import { argList, asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::GetAtt [Resource, Attribute]; the attribute may hold dots (Outputs.Accuracy) and may itself be a Ref. */
export const getAtt: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    // The string form `Res.Attr` is what a JSON template may write; it splits at the first dot as the short tag does.
    const parts = typeof args === 'string' && args.includes('.') ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args;
    const [target, attribute] = argList(parts, path, 'Fn::GetAtt');
    const logicalId = asString(target, [...path, 0], 'the Fn::GetAtt resource');
    const name = asString(evaluate(attribute, [...path, 1]), [...path, 1], 'the Fn::GetAtt attribute');
    if (!context.resourceIds.has(logicalId)) {
      throw new TemplateError(path, `Fn::GetAtt ${logicalId}.${name}: no resource named ${logicalId}`);
    }
    return context.resolver.getAtt(logicalId, name, path);
  },
};

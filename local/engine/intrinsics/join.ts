import { TemplateError } from '../template/diagnostic';
import { argList, asString, describeValue } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::Join [delimiter, list]; the list may be an intrinsic (a list parameter, Fn::Split, Fn::GetAZs). */
export const join: Intrinsic = {
  evaluate(args, path, { evaluate }) {
    const [delimiter, list] = argList(args, path, 'Fn::Join');
    const separator = asString(delimiter, [...path, 0], 'the Fn::Join delimiter');
    const items = evaluate(list, [...path, 1]);
    if (!Array.isArray(items)) throw new TemplateError([...path, 1], `Fn::Join takes a list to join, not ${describeValue(items)}`);
    return items.map((item, i) => asString(item, [...path, 1, i], 'a Fn::Join item')).join(separator);
  },
};

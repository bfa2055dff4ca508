import { TemplateError } from '../template/diagnostic';
import { argList, asString, describeValue } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::Select [index, list]: the index may be written as a string, as CloudFormation allows. */
export const select: Intrinsic = {
  evaluate(args, path, { evaluate }) {
    const [indexArg, listArg] = argList(args, path, 'Fn::Select');
    const text = asString(evaluate(indexArg, [...path, 0]), [...path, 0], 'the Fn::Select index');
    const index = Number(text);
    if (!/^\d+$/.test(text.trim())) throw new TemplateError([...path, 0], `the Fn::Select index must be a whole number, not '${text}'`);
    const list = evaluate(listArg, [...path, 1]);
    if (!Array.isArray(list)) throw new TemplateError([...path, 1], `Fn::Select takes a list, not ${describeValue(list)}`);
    if (index >= list.length) throw new TemplateError([...path, 0], `Fn::Select index ${index} is out of range: the list has ${list.length} items`);
    return list[index];
  },
};

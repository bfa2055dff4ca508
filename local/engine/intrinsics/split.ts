import { argList, asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::Split [delimiter, string]. */
export const split: Intrinsic = {
  evaluate(args, path, { evaluate }) {
    const [delimiter, source] = argList(args, path, 'Fn::Split');
    const separator = asString(evaluate(delimiter, [...path, 0]), [...path, 0], 'the Fn::Split delimiter');
    return asString(evaluate(source, [...path, 1]), [...path, 1], 'the Fn::Split string').split(separator);
  },
};

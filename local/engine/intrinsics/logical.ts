import { argList } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::Not [condition]. */
export const not: Intrinsic = {
  evaluate(args, path, { evaluateCondition }) {
    const [operand] = argList(args, path, 'Fn::Not');
    return !evaluateCondition(operand, [...path, 0]);
  },
};

/** Fn::And [2 to 10 conditions]: every operand is evaluated, so a bad one is reported even after a false one. */
export const and: Intrinsic = {
  evaluate(args, path, { evaluateCondition }) {
    return argList(args, path, 'Fn::And')
      .map((operand, i) => evaluateCondition(operand, [...path, i]))
      .every(Boolean);
  },
};

/** Fn::Or [2 to 10 conditions]. */
export const or: Intrinsic = {
  evaluate(args, path, { evaluateCondition }) {
    return argList(args, path, 'Fn::Or')
      .map((operand, i) => evaluateCondition(operand, [...path, i]))
      .some(Boolean);
  },
};

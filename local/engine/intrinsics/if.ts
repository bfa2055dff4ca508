import { argList, asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::If [condition, whenTrue, whenFalse]: only the chosen branch is evaluated, so the other may Ref what is absent. */
export const fnIf: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    const [condition, whenTrue, whenFalse] = argList(args, path, 'Fn::If');
    const name = asString(condition, [...path, 0], 'the Fn::If condition name');
    return context.condition(name, [...path, 0]) ? evaluate(whenTrue, [...path, 1]) : evaluate(whenFalse, [...path, 2]);
  },
};

import { isDeepStrictEqual } from 'node:util';
import { argList } from './args';
import { Intrinsic } from './intrinsic';

// CloudFormation compares what it would pass on as text: `!Equals [!Ref Count, 3]` holds when Count is "3".
function normalize(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalize);
  return value;
}

/** Fn::Equals [a, b]. */
export const equals: Intrinsic = {
  evaluate(args, path, { evaluate }) {
    const [a, b] = argList(args, path, 'Fn::Equals');
    return isDeepStrictEqual(normalize(evaluate(a, [...path, 0])), normalize(evaluate(b, [...path, 1])));
  },
};

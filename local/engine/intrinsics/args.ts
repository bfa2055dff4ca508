import { TemplateError } from '../template/diagnostic';
import { TemplatePath } from '../template/path';
import { IntrinsicName } from './names';

/** How many arguments each function taking a list takes: read by the evaluator and by `orch validate`. */
export const LIST_ARITY = {
  'Fn::GetAtt': [2, 2],
  'Fn::Sub': [2, 2],
  'Fn::Join': [2, 2],
  'Fn::Select': [2, 2],
  'Fn::Split': [2, 2],
  'Fn::If': [3, 3],
  'Fn::Equals': [2, 2],
  'Fn::Not': [1, 1],
  'Fn::And': [2, 10],
  'Fn::Or': [2, 10],
  'Fn::FindInMap': [3, 4],
} as const satisfies Partial<Record<IntrinsicName, readonly [number, number]>>;

/** The arguments as a list of as many items as LIST_ARITY says, or a TemplateError naming the count. */
export function argList(args: unknown, path: TemplatePath, fn: keyof typeof LIST_ARITY): unknown[] {
  const [min, max] = LIST_ARITY[fn];
  const count = min === max ? `${min}` : `${min} to ${max}`;
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    throw new TemplateError(path, `${fn} takes a list of ${count} arguments`);
  }
  return args;
}

/** A string, or a number or boolean written as CloudFormation would pass it on (as text). */
export function asString(value: unknown, path: TemplatePath, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(path, `${what} must be a string, not ${describeValue(value)}`);
}

export function asStringList(value: unknown, path: TemplatePath, what: string): string[] {
  if (!Array.isArray(value)) throw new TemplateError(path, `${what} must be a list, not ${describeValue(value)}`);
  return value.map((item, i) => asString(item, [...path, i], `${what} item ${i}`));
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

import { TemplateError } from '../template/diagnostic';
import { TemplatePath } from '../template/path';

/** The arguments as a list of `min` to `max` items, or a TemplateError in CloudFormation's words. */
export function argList(args: unknown, path: TemplatePath, fn: string, min: number, max = min): unknown[] {
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

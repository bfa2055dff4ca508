import { TemplateError } from '../template/diagnostic';
import { argList, asString } from './args';
import { Intrinsic } from './intrinsic';

function isMapping(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fn::FindInMap [MapName, TopLevelKey, SecondLevelKey], with the optional fourth `{DefaultValue: v}` of
 * AWS::LanguageExtensions for a key the map lacks.
 */
export const findInMap: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    const list = argList(args, path, 'Fn::FindInMap');
    const [mapName, top, second] = list.slice(0, 3).map((arg, i) => asString(evaluate(arg, [...path, i]), [...path, i], 'a Fn::FindInMap key'));
    const fallback = list[3];
    if (fallback !== undefined && !(isMapping(fallback) && 'DefaultValue' in fallback)) {
      throw new TemplateError([...path, 3], 'the fourth Fn::FindInMap argument must be {DefaultValue: value}');
    }
    const map = context.mappings[mapName];
    if (!isMapping(map)) throw new TemplateError([...path, 0], `Fn::FindInMap: no mapping named ${mapName}`);
    const level = map[top];
    const value = isMapping(level) ? level[second] : undefined;
    if (value !== undefined) return value;
    if (fallback !== undefined) return evaluate(fallback.DefaultValue, [...path, 3, 'DefaultValue']);
    const missing = isMapping(level) ? `${top}.${second}` : top;
    throw new TemplateError(path, `Fn::FindInMap: mapping ${mapName} has no key ${missing}`);
  },
};

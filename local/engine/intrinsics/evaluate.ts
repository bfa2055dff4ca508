import { TemplateError } from '../template/diagnostic';
import { isWithin, TemplatePath } from '../template/path';
import { asString, describeValue } from './args';
import { EvaluationContext } from './context';
import { Evaluation } from './intrinsic';
import { intrinsicCall, IntrinsicName } from './names';
import { NO_VALUE } from './no-value';
import { INTRINSICS } from './registry';

/**
 * Evaluates intrinsic functions in a template value, returning a new value (the input is never changed).
 * Keys and list items that evaluate to AWS::NoValue are dropped; a whole value that does is returned as NO_VALUE.
 */
export function evaluate(value: unknown, path: TemplatePath, context: EvaluationContext): unknown {
  return new Evaluator(context).evaluate(value, path);
}

/** A condition operand to a boolean: `{Condition: Name}`, a condition function, or a literal true/false. */
export function evaluateCondition(value: unknown, path: TemplatePath, context: EvaluationContext): boolean {
  return new Evaluator(context).evaluateCondition(value, path);
}

class Evaluator implements Evaluation {
  constructor(readonly context: EvaluationContext) {}

  readonly evaluate = (value: unknown, path: TemplatePath): unknown => {
    const call = intrinsicCall(value);
    if (call) {
      if (!call.known) throw new TemplateError(path, `${call.name} is not a function the local engine supports`);
      const argsPath = [...path, call.name];
      try {
        return INTRINSICS[call.name as IntrinsicName].evaluate(call.args, argsPath, this);
      } catch (e) {
        // An error about the call as a whole is reported where the call sits, as `orch validate` reports it
        // (`Resources.Card.Properties.Key: Ref to Dta: ...`); one about an argument keeps the argument's path.
        if (e instanceof TemplateError && e.path.length === argsPath.length && isWithin(e.path, argsPath)) throw new TemplateError(path, e.reason);
        throw e;
      }
    }
    if (Array.isArray(value)) {
      return value.map((item, i) => this.evaluate(item, [...path, i])).filter((item) => item !== NO_VALUE);
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const evaluated = this.evaluate(item, [...path, key]);
        if (evaluated !== NO_VALUE) out[key] = evaluated;
      }
      return out;
    }
    return value;
  };

  readonly evaluateCondition = (value: unknown, path: TemplatePath): boolean => {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'Condition' in value) {
      const name = asString((value as { Condition: unknown }).Condition, [...path, 'Condition'], 'a condition name');
      return this.context.condition(name, [...path, 'Condition']);
    }
    const result = this.evaluate(value, path);
    if (typeof result === 'boolean') return result;
    if (result === 'true' || result === 'false') return result === 'true';
    throw new TemplateError(path, `a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, not ${describeValue(result)}`);
  };
}

import { TemplatePath } from '../template/path';
import { EvaluationContext } from './context';

/** What an intrinsic function gets: its raw arguments, evaluated on demand (Fn::If evaluates one branch only). */
export interface Evaluation {
  readonly context: EvaluationContext;
  evaluate(value: unknown, path: TemplatePath): unknown;
  /** Evaluates a condition operand: `{Condition: Name}` or a condition function, to a boolean. */
  evaluateCondition(value: unknown, path: TemplatePath): boolean;
}

export interface Intrinsic {
  /** `path` is the path of the function's arguments, such as `Resources.A.Properties.B.Fn::Join`. */
  evaluate(args: unknown, path: TemplatePath, evaluation: Evaluation): unknown;
}

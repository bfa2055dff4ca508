import { formatPath, TemplatePath } from './path';

/** A line and column, both counted from 1 as editors show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One problem in a template, at a template path (and a source position when the text was YAML or JSON). */
export interface Diagnostic {
  readonly path: TemplatePath;
  readonly message: string;
  readonly position?: SourcePosition;
}

/** `t.yaml:12:7: Resources.Train.Properties.Inptu: unknown property of Orch::StepFunctions::Task` */
export function formatDiagnostic(diagnostic: Diagnostic, file?: string): string {
  const where = diagnostic.position ? `${diagnostic.position.line}:${diagnostic.position.column}` : undefined;
  const prefix = [file, where].filter((part) => part !== undefined).join(':');
  // A syntax error has no template path: the position is all there is.
  const path = diagnostic.path.length > 0 ? `${formatPath(diagnostic.path)}: ` : '';
  return `${prefix ? `${prefix}: ` : ''}${path}${diagnostic.message}`;
}

/**
 * A template problem found while evaluating it (a Ref to nothing, a parameter value outside AllowedValues):
 * thrown by the evaluator so the engine can stop before creating anything, naming the place.
 */
export class TemplateError extends Error {
  readonly code = 'TemplateError';
  readonly path: TemplatePath;
  /** The message without the path. */
  readonly reason: string;

  constructor(path: TemplatePath, reason: string) {
    super(`${formatPath(path)}: ${reason}`);
    this.name = 'TemplateError';
    this.path = path;
    this.reason = reason;
  }

  toDiagnostic(): Diagnostic {
    return { path: this.path, message: this.reason };
  }
}

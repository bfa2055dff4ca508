import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { Diagnostic, TemplateError } from './diagnostic';
import { cloudFormationTags } from './short-tags';
import { SourceMap } from './source-map';
import { TemplatePath } from './path';

/** A CloudFormation template as plain data in long form, with where each part came from. */
export interface LoadedTemplate {
  /** The file name errors are reported against. */
  readonly file: string;
  readonly body: Record<string, unknown>;
  readonly sourceMap: SourceMap;
}

/** Thrown when the text is not a template at all: the diagnostics carry line and column. */
export class TemplateSyntaxError extends Error {
  readonly code = 'TemplateSyntaxError';
  constructor(
    readonly file: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(`${file}: ${diagnostics.map((d) => d.message).join('; ')}`);
    this.name = 'TemplateSyntaxError';
  }
}

/** One unclosed bracket makes the parser report every line after it: the first few say where to look. */
const MAX_SYNTAX_ERRORS = 10;

function firstSyntaxErrors(problems: Diagnostic[]): Diagnostic[] {
  if (problems.length <= MAX_SYNTAX_ERRORS) return problems;
  const rest = problems.length - MAX_SYNTAX_ERRORS;
  const next = problems[MAX_SYNTAX_ERRORS];
  return [...problems.slice(0, MAX_SYNTAX_ERRORS), { ...next, message: `${rest} more syntax errors from here on, often caused by the first ones: fix those and check again` }];
}

/**
 * Parses YAML or JSON (JSON is YAML 1.2, so one parser serves both and gives JSON templates positions too).
 * Duplicate keys are refused, as cfn-lint does: CloudFormation would silently keep the last one.
 */
export function parseTemplate(text: string, file = 'template'): LoadedTemplate {
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: cloudFormationTags, lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings].map((e): Diagnostic => {
    const pos = lines.linePos(e.pos[0]);
    return { path: [], position: { line: pos.line, column: pos.col }, message: e.message.split('\n')[0] };
  });
  if (problems.length > 0) throw new TemplateSyntaxError(file, firstSyntaxErrors(problems));
  const body: unknown = doc.toJS({ maxAliasCount: 100 });
  const sourceMap = SourceMap.fromDocument(doc.contents, lines, text);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new TemplateSyntaxError(file, [{ path: [], position: sourceMap.locate([]), message: 'a template is a mapping of sections (Resources, Parameters, ...)' }]);
  }
  return { file, body: body as Record<string, unknown>, sourceMap };
}

export function loadTemplate(file: string): LoadedTemplate {
  return parseTemplate(readFileSync(file, 'utf8'), file);
}

/** A TemplateError as a diagnostic with the source position of its path. */
export function locate(template: LoadedTemplate, error: TemplateError | Diagnostic): Diagnostic {
  const d = error instanceof TemplateError ? error.toDiagnostic() : error;
  return d.position ? d : { ...d, position: template.sourceMap.locate(d.path as TemplatePath) };
}

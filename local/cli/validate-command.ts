import { Command } from 'commander';
import { Diagnostic, formatDiagnostic } from '../engine/template/diagnostic';
import { LoadedTemplate, loadTemplate, TemplateSyntaxError } from '../engine/template/load';
import { formatPath } from '../engine/template/path';
import { TypeCatalog } from '../engine/types/catalog';
import { validateTemplate } from '../engine/validate/validate-template';
import { CliIo, EXIT } from './io';

export interface ValidateResult {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Counts of what the template declares, for the success line. */
  readonly counts?: { resources: number; parameters: number; outputs: number };
  /** The parsed template, when the text parsed. */
  readonly template?: LoadedTemplate;
}

/** Loads and validates one template; a file that is not YAML or JSON gives diagnostics too. */
export function validateFile(file: string, catalog = TypeCatalog.load()): ValidateResult {
  let template;
  try {
    template = loadTemplate(file);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return { file, diagnostics: e.diagnostics };
    throw e;
  }
  const count = (section: unknown) => (section && typeof section === 'object' ? Object.keys(section).length : 0);
  const { Resources, Parameters, Outputs } = template.body;
  return {
    file,
    diagnostics: validateTemplate(template, catalog),
    counts: { resources: count(Resources), parameters: count(Parameters), outputs: count(Outputs) },
    template,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function report(result: ValidateResult, json: boolean, io: CliIo): void {
  const { file, diagnostics, counts } = result;
  if (json) {
    const list = diagnostics.map((d) => ({ file, path: formatPath(d.path), line: d.position?.line, column: d.position?.column, message: d.message }));
    io.out(`${JSON.stringify({ file, valid: list.length === 0, errors: list }, null, 2)}\n`);
    return;
  }
  for (const d of diagnostics) io.out(`${formatDiagnostic(d, file)}\n`);
  if (diagnostics.length > 0) io.err(`${file}: ${plural(diagnostics.length, 'error')}\n`);
  else if (counts) io.out(`${file}: valid (${plural(counts.resources, 'resource')}, ${plural(counts.parameters, 'parameter')}, ${plural(counts.outputs, 'output')})\n`);
}

/** `orch validate TEMPLATE [--json]`: exit 0 when valid, 1 with one line per error. */
export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check a template against the Orch schemas and the native types the engine supports, before deploying it')
    .argument('<template>', 'a YAML or JSON CloudFormation template')
    .option('--json', 'print one JSON document: {file, valid, errors: [{path, line, column, message}]}')
    .action((file: string, options: { json?: boolean }) => {
      let result: ValidateResult;
      try {
        result = validateFile(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.err(`orch validate: cannot read ${file}${code ? ` (${code})` : ''}\n`);
        io.setExitCode(EXIT.usage);
        return;
      }
      report(result, options.json === true, io);
      io.setExitCode(result.diagnostics.length > 0 ? EXIT.invalid : EXIT.ok);
    });
}

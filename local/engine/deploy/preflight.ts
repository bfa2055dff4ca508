import type { EvaluationContext, Resolver } from '../intrinsics/context';
import { evaluate } from '../intrinsics/evaluate';
import { intrinsicCall } from '../intrinsics/names';
import type { StackTemplate } from '../stack-template';
import { Diagnostic, formatDiagnostic, TemplateError } from '../template/diagnostic';
import { LoadedTemplate, loadTemplate, locate, TemplateSyntaxError } from '../template/load';
import type { SsmParameterReader } from '../parameters';
import { TemplatePath } from '../template/path';
import type { StackExport } from '../state/exports';
import { validateTemplate } from '../validate/validate-template';
import { StackOperationRefused } from './stack-operations';
import type { EngineOptions } from './stack-operations';

/** `file:line:col: path: message`, as `orch validate` prints it. */
export function located(template: LoadedTemplate, error: TemplateError | Diagnostic): string {
  return formatDiagnostic(locate(template, error), template.file);
}

function refuse(problems: string[]): never {
  throw new StackOperationRefused(problems.join('\n'), problems, 'invalid');
}

/** The template, read and validated; anything `orch validate` reports refuses the operation before it starts. */
export function loadForDeploy(file: string, options: EngineOptions): LoadedTemplate {
  let template: LoadedTemplate;
  try {
    template = loadTemplate(file);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) refuse(e.diagnostics.map((d) => formatDiagnostic(d, file)));
    const code = (e as NodeJS.ErrnoException).code;
    if (code) refuse([`${file}: cannot read the template (${code})`]);
    throw e;
  }
  const diagnostics = validateTemplate(template, options.catalog);
  if (diagnostics.length > 0) refuse(diagnostics.map((d) => formatDiagnostic(d, file)));
  return template;
}

/** Every active resource needs a provisioner (or an inert type), before anything is created. */
export function checkProvisioners(template: LoadedTemplate, stack: StackTemplate, options: EngineOptions): void {
  const problems = [...stack.resources.values()]
    .filter((r) => !options.provisioners(r.type) && !options.catalog.tryGet(r.type)?.inert)
    .map((r) => located(template, new TemplateError(['Resources', r.logicalId, 'Type'], `the local engine has no provisioner for ${r.type}`)));
  if (problems.length > 0) refuse(problems);
}

/** Thrown by the resolver of `ahead`: the value needs a deployed resource, so it is known only later. */
class NotYetKnown extends Error {}

const deferred: Resolver = {
  ref: () => {
    throw new NotYetKnown();
  },
  getAtt: () => {
    throw new NotYetKnown();
  },
  importValue: () => {
    throw new NotYetKnown();
  },
};

/** A value evaluated before any resource exists, or undefined when it needs one. */
function ahead(value: unknown, path: TemplatePath, context: EvaluationContext): unknown {
  try {
    return evaluate(value, path, { ...context, resolver: deferred });
  } catch (e) {
    if (e instanceof NotYetKnown) return undefined;
    throw e;
  }
}

function findCalls(value: unknown, name: string, path: TemplatePath, found: { args: unknown; path: TemplatePath }[] = []) {
  const call = intrinsicCall(value);
  if (call?.name === name) found.push({ args: call.args, path });
  else if (Array.isArray(value)) value.forEach((item, i) => findCalls(item, name, [...path, i], found));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) findCalls(item, name, [...path, key], found);
  return found;
}

/**
 * Fn::ImportValue of an export no stack has is refused before anything is created, as CloudFormation refuses it
 * ("No export named X found"). A name computed from a resource is checked when it is evaluated.
 */
export function checkImports(template: LoadedTemplate, stack: StackTemplate, exports: ReadonlyMap<string, StackExport>): void {
  const body = template.body as { Resources?: Record<string, { Properties?: unknown }>; Outputs?: unknown };
  const scopes: [unknown, TemplatePath][] = [
    ...[...stack.resources.keys()].map((id): [unknown, TemplatePath] => [body.Resources?.[id]?.Properties, ['Resources', id, 'Properties']]),
    [body.Outputs, ['Outputs']],
  ];
  const problems: string[] = [];
  for (const [value, base] of scopes) {
    for (const call of findCalls(value, 'Fn::ImportValue', base)) {
      const name = ahead(call.args, [...call.path, 'Fn::ImportValue'], stack.stack.context);
      if (typeof name === 'string' && !exports.has(name)) {
        problems.push(located(template, new TemplateError(call.path, `Fn::ImportValue: No export named ${name} found (no stack in this state directory exports it)`)));
      }
    }
  }
  if (problems.length > 0) refuse(problems);
}

/** The export names of the outputs that exist, where they can be known before deploying (undefined entries cannot). */
export function exportNamesAhead(template: LoadedTemplate, stack: StackTemplate): (string | undefined)[] {
  const outputs = (template.body.Outputs ?? {}) as Record<string, { Export?: { Name?: unknown }; Condition?: unknown }>;
  return Object.entries(outputs)
    .filter(([name, o]) => o?.Export !== undefined && (typeof o.Condition !== 'string' || stack.stack.conditions.value(o.Condition, ['Outputs', name, 'Condition'])))
    .map(([name, o]) => {
      const value = ahead(o.Export?.Name, ['Outputs', name, 'Export', 'Name'], stack.stack.context);
      return typeof value === 'string' ? value : undefined;
    });
}

/**
 * The values of the SSM parameters that `AWS::SSM::Parameter::Value<...>` parameters name, read ahead (the engine's
 * evaluation is synchronous, the lookup is not), as the synchronous reader prepareStack takes.
 */
export async function ssmParameterReader(body: Readonly<Record<string, unknown>>, given: Readonly<Record<string, string>>, read: EngineOptions['readSsmParameter']): Promise<SsmParameterReader | undefined> {
  if (!read) return undefined;
  const declarations = (body.Parameters ?? {}) as Record<string, { Type?: unknown; Default?: unknown }>;
  const names = Object.entries(declarations)
    .filter(([, d]) => typeof d?.Type === 'string' && d.Type.startsWith('AWS::SSM::Parameter::Value<'))
    .map(([name, d]) => given[name] ?? (d.Default === undefined ? undefined : String(d.Default)))
    .filter((name): name is string => name !== undefined);
  const values = new Map<string, string | undefined>();
  for (const name of new Set(names)) values.set(name, await read(name));
  return (name, path) => {
    const value = values.get(name);
    if (value === undefined) throw new TemplateError(path, `the SSM parameter ${name} does not exist in the local AWS`);
    return value;
  };
}

import { DependencyGraph } from './graph';
import { evaluate } from './intrinsics/evaluate';
import { NO_VALUE } from './intrinsics/no-value';
import { collectReferences } from './references';
import { createStackContext, StackContext, StackContextOptions } from './stack-context';
import { TemplateError } from './template/diagnostic';
import { TemplatePath } from './template/path';

/** A resource as a deployment sees it, once its condition holds. */
export interface ActiveResource {
  readonly logicalId: string;
  readonly type: string;
  readonly rawProperties: Readonly<Record<string, unknown>>;
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
}

export interface EvaluatedOutput {
  readonly value: unknown;
  readonly description?: string;
  readonly exportName?: string;
}

/**
 * One template for one stack: parameters resolved, conditions applied, so only the resources and outputs that
 * exist remain, and their dependency order. Properties and outputs are evaluated on demand, against the resolver
 * of the stack context, once what they reference exists.
 */
export class StackTemplate {
  readonly resources: ReadonlyMap<string, ActiveResource>;
  readonly graph: DependencyGraph;
  private readonly outputs: Readonly<Record<string, Record<string, unknown>>>;

  constructor(
    body: Readonly<Record<string, unknown>>,
    readonly stack: StackContext,
  ) {
    const { conditions } = stack;
    const holds = (item: Record<string, unknown>, path: TemplatePath) =>
      typeof item.Condition !== 'string' || conditions.value(item.Condition, [...path, 'Condition']);
    const declared = (body.Resources ?? {}) as Record<string, Record<string, unknown>>;
    const active = Object.entries(declared).filter(([id, r]) => holds(r, ['Resources', id]));
    this.resources = new Map(
      active.map(([logicalId, r]) => [
        logicalId,
        {
          logicalId,
          type: String(r.Type),
          rawProperties: (r.Properties ?? {}) as Record<string, unknown>,
          deletionPolicy: typeof r.DeletionPolicy === 'string' ? r.DeletionPolicy : 'Delete',
          updateReplacePolicy: typeof r.UpdateReplacePolicy === 'string' ? r.UpdateReplacePolicy : 'Delete',
        },
      ]),
    );
    const outputs = (body.Outputs ?? {}) as Record<string, Record<string, unknown>>;
    this.outputs = Object.fromEntries(Object.entries(outputs).filter(([name, o]) => holds(o, ['Outputs', name])));

    const condition = (name: string) => conditions.value(name, ['Conditions', name]);
    // A resource whose condition is false does not exist: naming it is CloudFormation's unresolved dependency.
    const absent = new Set(Object.keys(declared).filter((id) => !this.resources.has(id)));
    const uses = [
      ...active.flatMap(([id, r]) => collectReferences(r.Properties, ['Resources', id, 'Properties'], { condition })),
      ...active.flatMap(([id, r]) => [r.DependsOn].flat().filter((t) => typeof t === 'string').map((target) => ({ target, path: ['Resources', id, 'DependsOn'] }))),
      ...Object.entries(this.outputs).flatMap(([name, o]) => collectReferences({ Value: o.Value, Export: o.Export }, ['Outputs', name], { condition })),
    ];
    const missing = uses.find((use) => absent.has(use.target));
    if (missing) {
      throw new TemplateError(missing.path, `Template format error: Unresolved resource dependencies [${missing.target}] in the Resources block of the template (its Condition is false)`);
    }
    this.graph = new DependencyGraph(Object.fromEntries(active), { condition });
    this.graph.levels();
  }

  /** A resource's properties with every intrinsic evaluated; AWS::NoValue keys are gone. */
  properties(logicalId: string): Record<string, unknown> {
    const resource = this.resources.get(logicalId);
    if (!resource) throw new Error(`no active resource ${logicalId}`);
    const value = evaluate(resource.rawProperties, ['Resources', logicalId, 'Properties'], this.stack.context);
    return value === NO_VALUE ? {} : (value as Record<string, unknown>);
  }

  /** Every output that exists, evaluated; two outputs exporting one name are refused. */
  evaluateOutputs(): Record<string, EvaluatedOutput> {
    const result: Record<string, EvaluatedOutput> = {};
    const exported = new Map<string, string>();
    for (const [name, output] of Object.entries(this.outputs)) {
      const path = ['Outputs', name];
      const value = evaluate(output.Value, [...path, 'Value'], this.stack.context);
      const exportName = output.Export === undefined ? undefined : evaluate((output.Export as { Name?: unknown }).Name, [...path, 'Export', 'Name'], this.stack.context);
      if (exportName !== undefined && typeof exportName !== 'string') throw new TemplateError([...path, 'Export', 'Name'], 'an export name must be a string');
      if (exportName !== undefined && exported.has(exportName)) {
        throw new TemplateError([...path, 'Export', 'Name'], `the export name ${exportName} is already used by output ${exported.get(exportName)}`);
      }
      if (exportName !== undefined) exported.set(exportName, name);
      result[name] = { value, exportName, ...(typeof output.Description === 'string' ? { description: output.Description } : {}) };
    }
    return result;
  }
}

/** Parameters, conditions and dependency order of `body` for one stack. */
export function prepareStack(body: Readonly<Record<string, unknown>>, options: StackContextOptions): StackTemplate {
  return new StackTemplate(body, createStackContext(body as Record<string, unknown>, options));
}

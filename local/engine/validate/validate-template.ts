import { DependencyGraph } from '../graph';
import { checkParameterDeclarations } from '../parameters';
import { Diagnostic, TemplateError } from '../template/diagnostic';
import { LoadedTemplate, locate } from '../template/load';
import { TypeCatalog } from '../types/catalog';
import { checkProperties } from './properties';
import { checkCondition, checkConditionCycles, checkReferences } from './references';
import { TemplateScope } from './scope';
import { checkStructure } from './structure';

/**
 * Everything `orch validate` checks, before anything is created: the template's shape, parameter declarations,
 * each resource's properties against its type, references to resources, parameters, attributes, conditions and
 * mappings, and dependency cycles. Diagnostics come in source order, each with its template path and position.
 */
export function validateTemplate(template: LoadedTemplate, catalog: TypeCatalog): Diagnostic[] {
  const { body } = template;
  const scope = new TemplateScope(body, catalog);
  const errors: TemplateError[] = [...checkStructure(body, scope), ...checkParameterDeclarations(scope.parameters)];

  for (const [name, definition] of Object.entries(scope.conditions)) errors.push(...checkReferences(definition, ['Conditions', name], scope, true));
  errors.push(...checkConditionCycles(scope));

  for (const [id, resource] of Object.entries(scope.resources)) {
    if (!resource || typeof resource !== 'object') continue;
    const spec = scope.typeOf(id);
    if (spec) errors.push(...checkProperties(id, spec, resource.Properties, scope));
    if (typeof resource.Condition === 'string') errors.push(...checkCondition(resource.Condition, ['Resources', id, 'Condition'], scope));
    for (const key of ['Properties', 'Metadata']) errors.push(...checkReferences(resource[key], ['Resources', id, key], scope));
  }

  const outputs = body.Outputs && typeof body.Outputs === 'object' && !Array.isArray(body.Outputs) ? (body.Outputs as Record<string, Record<string, unknown>>) : {};
  for (const [name, output] of Object.entries(outputs)) {
    if (!output || typeof output !== 'object') continue;
    errors.push(...checkReferences({ Value: output.Value, Export: output.Export }, ['Outputs', name], scope));
    if (typeof output.Condition === 'string') errors.push(...checkCondition(output.Condition, ['Outputs', name, 'Condition'], scope));
  }

  const graph = new DependencyGraph(scope.resources);
  errors.push(...graph.problems);
  for (const cycle of graph.cycles()) {
    errors.push(new TemplateError(['Resources', cycle[0]], `Circular dependency between resources: [${cycle.join(', ')}]`));
  }

  return errors
    .map((error) => locate(template, error))
    .sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0));
}

import { describeValue } from '../intrinsics/args';
import { TemplateError } from '../template/diagnostic';
import { didYouMean } from './did-you-mean';
import { TemplateScope } from './scope';

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy'];
const OUTPUT_KEYS = ['Description', 'Value', 'Export', 'Condition'];
// Snapshot needs a service that snapshots, which none of the supported types is.
// RetainExceptOnCreate is CloudFormation's (deleted on a create's rollback, kept otherwise); it is not an UpdateReplacePolicy.
const POLICIES: Record<string, readonly string[]> = { DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate'], UpdateReplacePolicy: ['Delete', 'Retain'] };

/** The template's shape: known sections, resources with a supported Type, outputs with a Value. */
export function checkStructure(body: Record<string, unknown>, scope: TemplateScope): TemplateError[] {
  const errors: TemplateError[] = [];
  for (const key of Object.keys(body)) {
    if (!SECTIONS.includes(key)) errors.push(new TemplateError([key], `unknown template section${didYouMean(key, SECTIONS)}`));
  }
  if (body.Transform !== undefined) errors.push(new TemplateError(['Transform'], 'the local engine does not run transforms (macros, AWS::Serverless): deploy the transformed template'));
  for (const name of ['Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs']) {
    const section = body[name];
    if (section !== undefined && (!section || typeof section !== 'object' || Array.isArray(section))) {
      errors.push(new TemplateError([name], `${name} must be a mapping, not ${describeValue(section)}`));
    }
  }
  if (Object.keys(scope.resources).length === 0) errors.push(new TemplateError(['Resources'], 'a template needs at least one resource'));

  for (const [id, resource] of Object.entries(scope.resources)) {
    const path = ['Resources', id];
    if (!/^[A-Za-z0-9]+$/.test(id)) errors.push(new TemplateError(path, 'a logical id holds letters and digits only'));
    if (!resource || typeof resource !== 'object' || Array.isArray(resource)) {
      errors.push(new TemplateError(path, `a resource is a mapping with Type and Properties, not ${describeValue(resource)}`));
      continue;
    }
    for (const key of Object.keys(resource)) {
      if (!RESOURCE_KEYS.includes(key)) errors.push(new TemplateError([...path, key], `unknown resource attribute${didYouMean(key, RESOURCE_KEYS)}`));
    }
    if (resource.Type === undefined) errors.push(new TemplateError(path, 'the resource has no Type'));
    else if (typeof resource.Type !== 'string' || !scope.catalog.tryGet(resource.Type)) {
      const type = String(resource.Type);
      errors.push(new TemplateError([...path, 'Type'], `unsupported resource type ${type}${didYouMean(type, scope.catalog.typeNames)}: the local engine creates ${scope.catalog.typeNames.join(', ')}`));
    }
    for (const [key, allowed] of Object.entries(POLICIES)) {
      const policy = resource[key];
      if (policy !== undefined && !allowed.includes(policy as string)) errors.push(new TemplateError([...path, key], `${key} must be one of ${allowed.join(', ')}`));
    }
    if (resource.Condition !== undefined && typeof resource.Condition !== 'string') errors.push(new TemplateError([...path, 'Condition'], 'Condition must be a condition name'));
  }

  const outputs = body.Outputs && typeof body.Outputs === 'object' && !Array.isArray(body.Outputs) ? (body.Outputs as Record<string, unknown>) : {};
  const exporters = new Map<string, string>();
  for (const [name, output] of Object.entries(outputs)) {
    const path = ['Outputs', name];
    if (!output || typeof output !== 'object' || Array.isArray(output)) {
      errors.push(new TemplateError(path, `an output is a mapping with a Value, not ${describeValue(output)}`));
      continue;
    }
    for (const key of Object.keys(output)) {
      if (!OUTPUT_KEYS.includes(key)) errors.push(new TemplateError([...path, key], `unknown output attribute${didYouMean(key, OUTPUT_KEYS)}`));
    }
    if (!('Value' in output)) errors.push(new TemplateError(path, 'the output has no Value'));
    const exported = (output as { Export?: unknown }).Export;
    if (exported !== undefined && !(exported && typeof exported === 'object' && 'Name' in exported)) {
      errors.push(new TemplateError([...path, 'Export'], 'Export must be a mapping with a Name'));
    }
    // Computed names are compared at deploy time (StackTemplate.evaluateOutputs).
    const exportName = (exported as { Name?: unknown } | undefined)?.Name;
    if (typeof exportName === 'string') {
      const first = exporters.get(exportName);
      if (first) errors.push(new TemplateError([...path, 'Export', 'Name'], `the export name ${exportName} is already used by output ${first}`));
      else exporters.set(exportName, name);
    }
  }
  return errors;
}

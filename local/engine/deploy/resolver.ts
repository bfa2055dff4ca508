import type { Resolver } from '../intrinsics/context';
import { TemplateError } from '../template/diagnostic';
import type { StackExport } from '../state/exports';
import type { DeployedResource } from '../state/stack-record';

/**
 * `Fn::GetAtt` of a deployed resource: the attribute under its exact name first (`Arn`, or an Orch type's
 * flattened `Outputs.Accuracy`), then the dotted name as a path into nested values (`Outputs` = `{Accuracy: ...}`).
 */
export function attributeOf(resource: DeployedResource, attribute: string): unknown {
  if (Object.prototype.hasOwnProperty.call(resource.attributes, attribute)) return resource.attributes[attribute];
  const parts = attribute.split('.');
  for (let split = parts.length - 1; split >= 1; split--) {
    let value: unknown = resource.attributes[parts.slice(0, split).join('.')];
    for (const part of parts.slice(split)) {
      value = value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, part) ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The engine's resolver: Ref and Fn::GetAtt read the resources deployed so far, Fn::ImportValue reads the other
 * stacks' exports, and every export name asked for is noted in `imported` (the stack record's `imports`).
 */
export function deployedResolver(
  resources: ReadonlyMap<string, DeployedResource>,
  exports: () => ReadonlyMap<string, StackExport>,
  imported: Set<string>,
): Resolver {
  const deployed = (logicalId: string, path: readonly (string | number)[], what: string): DeployedResource => {
    const resource = resources.get(logicalId);
    // The graph orders every reference after its target, so this is a resource whose creation failed or was skipped.
    if (!resource) throw new TemplateError(path, `${what}: ${logicalId} is not created`);
    return resource;
  };
  return {
    ref: (logicalId, path) => deployed(logicalId, path, `Ref to ${logicalId}`).physicalId,
    getAtt: (logicalId, attribute, path) => {
      const resource = deployed(logicalId, path, `Fn::GetAtt ${logicalId}.${attribute}`);
      const value = attributeOf(resource, attribute);
      if (value === undefined) {
        const known = Object.keys(resource.attributes);
        throw new TemplateError(path, `Fn::GetAtt ${logicalId}.${attribute}: the ${resource.type} returned no attribute ${attribute}${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`);
      }
      return value;
    },
    importValue: (name, path) => {
      imported.add(name);
      const found = exports().get(name);
      if (!found) throw new TemplateError(path, `Fn::ImportValue: No export named ${name} found (no stack in this state directory exports it)`);
      return found.value;
    },
  };
}

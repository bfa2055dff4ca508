/** The one resource of a type in a stack's template, for the construct tests. */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export interface RenderedResource {
  readonly logicalId: string;
  readonly Properties: Record<string, unknown>;
  readonly DependsOn?: string[];
}

export function singleResource(stack: Stack, type: string): RenderedResource {
  const resources = Object.entries(Template.fromStack(stack).findResources(type));
  expect(resources).toHaveLength(1);
  const [logicalId, resource] = resources[0];
  return { logicalId, Properties: resource.Properties ?? {}, DependsOn: resource.DependsOn };
}

import { TemplatePath } from '../template/path';

/**
 * Values that only a deployment knows: the engine plugs in deployed resources and other stacks' exports here,
 * validation and tests plug in tables. Each throws a TemplateError naming `path` when it cannot answer.
 */
export interface Resolver {
  /** The Ref value of a resource of this template. */
  ref(logicalId: string, path: TemplatePath): unknown;
  /** An attribute of a resource of this template, `Outputs.Accuracy` style names included. */
  getAtt(logicalId: string, attribute: string, path: TemplatePath): unknown;
  /** The value another stack exports under `name`. */
  importValue(name: string, path: TemplatePath): unknown;
}

/** Everything an intrinsic function can read, resolved before evaluation starts. */
export interface EvaluationContext {
  /** Parameter values as Ref returns them: a string, or a list of strings for list types. */
  readonly parameters: ReadonlyMap<string, string | readonly string[]>;
  /** AWS::Region, AWS::StackName, ...: see pseudo-parameters.ts. */
  readonly pseudoParameters: ReadonlyMap<string, unknown>;
  /** Logical ids of the template's resources, so Ref can tell a resource from a typo. */
  readonly resourceIds: ReadonlySet<string>;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** The value of a named condition (conditions.ts evaluates them once, refusing cycles). */
  condition(name: string, path: TemplatePath): boolean;
  readonly resolver: Resolver;
  /** Fn::GetAZs: the availability zones of a region. */
  availabilityZones(region: string): readonly string[];
}

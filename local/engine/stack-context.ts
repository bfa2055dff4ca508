import { ConditionTable } from './conditions';
import { EvaluationContext, Resolver } from './intrinsics/context';
import { evaluateCondition } from './intrinsics/evaluate';
import { resolveParameters, SsmParameterReader } from './parameters';
import { pseudoParameters, StackIdentity } from './pseudo-parameters';
import { TemplateError } from './template/diagnostic';
import { TemplatePath } from './template/path';

export interface StackContextOptions {
  readonly identity: StackIdentity;
  /** Parameter values as given on the command line (`--parameters K=V`). */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly resolver: Resolver;
  /** For `AWS::SSM::Parameter::Value<...>` parameters (CDK's BootstrapVersion); without it they are refused. */
  readonly readSsmParameter?: SsmParameterReader;
  /** @default three zones, `<region>a` to `<region>c` (the engine may ask the local EC2 instead) */
  readonly availabilityZones?: (region: string) => readonly string[];
}

export interface StackContext {
  readonly context: EvaluationContext;
  readonly conditions: ConditionTable;
  readonly noEcho: ReadonlySet<string>;
}

function section(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = body[name];
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TemplateError([name], `${name} must be a mapping`);
  return value as Record<string, unknown>;
}

// CloudFormation evaluates conditions before any resource exists, so a condition cannot name one.
const noResources: Resolver = {
  ref: (id, path) => refuse(id, path),
  getAtt: (id, _attribute, path) => refuse(id, path),
  importValue: (name, path) => {
    throw new TemplateError(path, `a condition cannot use Fn::ImportValue (${name})`);
  },
};

function refuse(id: string, path: TemplatePath): never {
  throw new TemplateError(path, `a condition cannot reference the resource ${id}`);
}

/** Parameters, pseudo parameters, mappings and conditions of one stack, ready for the evaluator. */
export function createStackContext(body: Record<string, unknown>, options: StackContextOptions): StackContext {
  const { values, noEcho } = resolveParameters(section(body, 'Parameters'), options.parameters ?? {}, options.readSsmParameter);
  const base = {
    parameters: values,
    pseudoParameters: pseudoParameters(options.identity),
    resourceIds: new Set(Object.keys(section(body, 'Resources'))),
    mappings: section(body, 'Mappings'),
    availabilityZones: options.availabilityZones ?? ((region: string) => ['a', 'b', 'c'].map((zone) => `${region}${zone}`)),
  };
  // Conditions see no resources; everything else sees the caller's resolver.
  const conditionContext: EvaluationContext = { ...base, resolver: noResources, condition: (name, path) => conditions.value(name, path) };
  const conditions: ConditionTable = new ConditionTable(section(body, 'Conditions'), (definition, path) =>
    evaluateCondition(definition, path, conditionContext),
  );
  const context: EvaluationContext = { ...base, resolver: options.resolver, condition: (name, path) => conditions.value(name, path) };
  return { context, conditions, noEcho };
}

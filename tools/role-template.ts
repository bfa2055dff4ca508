/**
 * The scoped execution-role template of a type (its folder's resource-role.yaml), built from the schema's handler
 * permissions and tools/role-scopes.ts. It replaces the one `cfn generate` writes, which grants every action on
 * "*". Each scope is a CommaDelimitedList parameter of ARN patterns whose default is empty, and a statement whose
 * list is empty is dropped (a Condition), so the role deployed with defaults reaches the type's task records only.
 */
import { TASK_PARAMETER_ROOT } from '../runtime/contract';
import { actionKinds, ADMIN_NAMED_CALLS, KIND_PARAMETER, ResourceKind, SCOPE_PARAMETERS, scopeParameters } from './role-scopes';
import { cloudFormationTrustPolicy } from './cloudformation-trust';

type Json = unknown;
type Schema = Parameters<typeof actionKinds>[0];

const join = (sep: string, list: Json): Json => ({ 'Fn::Join': [sep, list] });
const split = (sep: string, text: Json): Json => ({ 'Fn::Split': [sep, text] });
/** The parameter's entries as one comma-separated string. */
const entries = (param: string): Json => join(',', { Ref: param });
/** Every entry of a comma-separated string with `suffix` appended. */
const suffixed = (text: Json, suffix: string): Json => join('', [join(`${suffix},`, split(',', text)), suffix]);
/** `from` replaced by `to` in every entry (CloudFormation has no replace, but splitting and joining is one). */
const replaced = (text: Json, from: string, to: string): Json => join(to, split(from, text));
/** The comma-separated strings as one list. */
const list = (...texts: Json[]): Json => split(',', join(',', texts));

const condition = (param: string) => `Has${param}`;

/** Both lists of an admin-named statement are given: IAM refuses a statement with an empty Action or Resource. */
const NAMED_CALLS_CONDITION = 'HasAdminNamedCalls';

/** The execution role's session limit, as `cfn generate` writes it. */
export const MAX_SESSION_SECONDS = 8400;

/** `/Orch/Task/<Service>/<Kind>`, as runtime/task-store.ts names it (read from runtime/contract.ts, which loads no SDK). */
export const recordPath = (typeName: string) => `${TASK_PARAMETER_ROOT}/${typeName.split('::').slice(1).join('/')}`;

/** The resources of a kind, from its parameter's ARN patterns. */
function resources(kind: ResourceKind, typeName: string): Json {
  if (kind === 'records') {
    const parameter = `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${recordPath(typeName)}`;
    // GetParametersByPath is authorised on the path itself, the rest on the parameters below it.
    return [{ 'Fn::Sub': parameter }, { 'Fn::Sub': `${parameter}/*` }];
  }
  const patterns = entries(KIND_PARAMETER[kind]);
  switch (kind) {
    case 'stateMachines':
    case 'functions':
      // `name:*` are the versions and aliases a template may name.
      return list(patterns, suffixed(patterns, ':*'));
    case 'executions':
      // Executions of a machine (and of its versions and aliases) are `…:execution:<machine>:<execution name>`.
      return split(',', suffixed(replaced(patterns, ':stateMachine:', ':execution:'), ':*'));
    default:
      return { Ref: KIND_PARAMETER[kind] };
  }
}

const SIDS: Record<ResourceKind, string> = {
  records: 'TaskRecords',
  stateMachines: 'StartExecutions',
  executions: 'FollowExecutions',
  functions: 'InvokeFunctions',
  objects: 'ReadObjects',
  buckets: 'ListBuckets',
  secrets: 'ReadGitCredentials',
  codeCommitRepositories: 'PushToCodeCommit',
};

/** One statement of a type's execution role: the schema's actions on one kind of resource. */
export interface RoleStatement {
  readonly sid: string;
  readonly kind: ResourceKind;
  readonly actions: string[];
}

/**
 * The statements of a type's execution role, one per kind of resource, in a stable order. The role template and
 * the CDK registration construct (through constructs/lib/registration/type-permissions.generated.ts) both render these.
 */
export function roleStatements(schema: Schema): RoleStatement[] {
  const byKind = new Map<ResourceKind, string[]>();
  for (const [action, kind] of actionKinds(schema)) byKind.set(kind, [...(byKind.get(kind) ?? []), action]);
  return (Object.keys(SIDS) as ResourceKind[]).filter((k) => byKind.has(k)).map((kind) => ({ sid: SIDS[kind], kind, actions: byKind.get(kind)! }));
}

/** The role template as a JSON object, in the shape `cfn generate` writes, with scoped statements. */
export function roleTemplateObject(schema: Schema): Record<string, Json> {
  const typeName = schema.typeName;
  const params = scopeParameters(schema);
  const named = ADMIN_NAMED_CALLS[typeName];
  const statements: Json[] = roleStatements(schema).map(({ sid, kind, actions }) => {
    const statement = { Sid: sid, Effect: 'Allow', Action: actions, Resource: resources(kind, typeName) };
    return kind === 'records' ? statement : { 'Fn::If': [condition(KIND_PARAMETER[kind]), statement, { Ref: 'AWS::NoValue' }] };
  });
  if (named) {
    const statement = { Sid: named.sid, Effect: 'Allow', Action: { Ref: named.actions }, Resource: { Ref: named.resources } };
    statements.push({ 'Fn::If': [NAMED_CALLS_CONDITION, statement, { Ref: 'AWS::NoValue' }] });
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Execution role of ${typeName}: the handlers reach their task records and only the resources these parameters name (npm run register fills them from the scopes file).`,
    ...(params.length && {
      Parameters: Object.fromEntries(
        params.map((p) => [p, { Type: 'CommaDelimitedList', Default: '', Description: SCOPE_PARAMETERS[p].description }]),
      ),
      Conditions: {
        ...Object.fromEntries(params.map((p) => [condition(p), { 'Fn::Not': [{ 'Fn::Equals': [join('', { Ref: p }), ''] }] }])),
        ...(named && { [NAMED_CALLS_CONDITION]: { 'Fn::And': [{ Condition: condition(named.actions) }, { Condition: condition(named.resources) }] } }),
      },
    }),
    Resources: {
      ExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          MaxSessionDuration: MAX_SESSION_SECONDS,
          AssumeRolePolicyDocument: cloudFormationTrustPolicy({
            StringLike: {
              'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:type/resource/${typeName.replace(/::/g, '-')}/*` },
            },
          }),
          Path: '/',
          Policies: [{ PolicyName: 'ResourceTypePolicy', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
        },
      },
    },
    Outputs: { ExecutionRoleArn: { Value: { 'Fn::GetAtt': ['ExecutionRole', 'Arn'] } } },
  };
}

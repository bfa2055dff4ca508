/**
 * What each type's execution role may reach, by action: the table `npm run generate` turns into the scoped
 * resource-role.yaml of every type folder, and `npm run register` fills from the admin's scopes file.
 *
 * CloudFormation runs a registry handler with its type's execution role, not with the stack author's credentials,
 * so every action a handler calls is granted only on resources the account admin names when registering (the
 * role stack's parameters), and the task records' SSM prefix. An action of a schema that this table does not map
 * fails the generation: nothing is granted on "*" by accident.
 */

/** A CloudFormation parameter of the role template: a list of ARN patterns the admin names. */
export interface ScopeParameter {
  readonly name: string;
  readonly description: string;
  /** What an entry must look like (checked by `npm run register`), and how to say so. */
  readonly pattern: RegExp;
  readonly shape: string;
}

export const SCOPE_PARAMETERS = {
  StateMachineArns: {
    name: 'StateMachineArns',
    description:
      'ARN patterns of the state machines the type may start, unqualified (their versions and aliases are included, and DescribeExecution/StopExecution on their executions), e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:train-*. Empty: none.',
    pattern: /^arn:[a-z-*]+:states:[a-z0-9-*]+:(\d{12}|\*):stateMachine:[A-Za-z0-9_*?-]+$/,
    shape: 'arn:<partition>:states:<region>:<account>:stateMachine:<name pattern> (no version or alias)',
  },
  FunctionArns: {
    name: 'FunctionArns',
    description:
      'ARN patterns of the Lambda functions the type may invoke, unqualified (their versions and aliases are included), e.g. arn:aws:lambda:eu-west-1:123456789012:function:etl-*. Empty: none.',
    pattern: /^arn:[a-z-*]+:lambda:[a-z0-9-*]+:(\d{12}|\*):function:[A-Za-z0-9_*?-]+$/,
    shape: 'arn:<partition>:lambda:<region>:<account>:function:<name pattern> (no version or alias)',
  },
  S3ObjectArns: {
    name: 'S3ObjectArns',
    description: 'ARN patterns of the S3 objects the type may read (GetObject, GetObjectVersion), e.g. arn:aws:s3:::my-bucket/releases/*. Empty: none.',
    pattern: /^arn:[a-z-*]+:s3:::[a-z0-9.*?-]+\/.*$/,
    shape: 'arn:<partition>:s3:::<bucket>/<key pattern>',
  },
  S3BucketArns: {
    name: 'S3BucketArns',
    description:
      'ARN patterns of the buckets the type may list (ListBucket, which also tells a missing key from a missing bucket), e.g. arn:aws:s3:::my-bucket. Listing shows key names, not contents. Empty: none.',
    pattern: /^arn:[a-z-*]+:s3:::[a-z0-9.*?-]+$/,
    shape: 'arn:<partition>:s3:::<bucket>',
  },
  SecretArns: {
    name: 'SecretArns',
    description:
      'ARN patterns of the Secrets Manager secrets the type may read as git credentials, e.g. arn:aws:secretsmanager:eu-west-1:123456789012:secret:git/publisher-* (mind the random suffix Secrets Manager adds). Empty: none.',
    pattern: /^arn:[a-z-*]+:secretsmanager:[a-z0-9-*]+:(\d{12}|\*):secret:[A-Za-z0-9/_+=.@*?-]+$/,
    shape: 'arn:<partition>:secretsmanager:<region>:<account>:secret:<name pattern>',
  },
  CodeCommitRepositoryArns: {
    name: 'CodeCommitRepositoryArns',
    description: 'ARN patterns of the CodeCommit repositories the type may pull from and push to, e.g. arn:aws:codecommit:eu-west-1:123456789012:config. Empty: none.',
    pattern: /^arn:[a-z-*]+:codecommit:[a-z0-9-*]+:(\d{12}|\*):[A-Za-z0-9_.*?-]+$/,
    shape: 'arn:<partition>:codecommit:<region>:<account>:<repository pattern>',
  },
  CallActions: {
    name: 'CallActions',
    description:
      "IAM actions the Orch::Aws::Call type may make, e.g. dynamodb:PutItem,ssm:GetParametersByPath; list the same ones in the type configuration's AllowedActions, which the handler checks first. Empty: none.",
    pattern: /^([a-z0-9-]+|\*):[A-Za-z0-9*?]+$/,
    shape: '<IAM service prefix>:<action pattern>, such as dynamodb:PutItem or ssm:Get*',
  },
  CallResourceArns: {
    name: 'CallResourceArns',
    description:
      'ARN patterns of the resources those actions may act on, e.g. arn:aws:dynamodb:eu-west-1:123456789012:table/jobs; * only for actions IAM authorises on no resource (ListBuckets). Empty: none.',
    pattern: /^(\*|arn:[a-z-*]+:[a-z0-9-*]+:[a-z0-9-*]*:(\d{12}|\*)?:\S+)$/,
    shape: 'arn:<partition>:<service>:<region>:<account>:<resource pattern>, or * for actions on no resource',
  },
} as const satisfies Record<string, ScopeParameter>;

export type ScopeParameterName = keyof typeof SCOPE_PARAMETERS;

/**
 * What an action acts on. `records` is the type's own SSM prefix and needs no parameter; every other kind is
 * derived from one parameter's list of ARN patterns.
 */
export type ResourceKind = 'records' | 'stateMachines' | 'executions' | 'functions' | 'objects' | 'buckets' | 'secrets' | 'codeCommitRepositories';

/** The parameter each kind's resources come from. */
export const KIND_PARAMETER: Record<Exclude<ResourceKind, 'records'>, ScopeParameterName> = {
  stateMachines: 'StateMachineArns',
  executions: 'StateMachineArns',
  functions: 'FunctionArns',
  objects: 'S3ObjectArns',
  buckets: 'S3BucketArns',
  secrets: 'SecretArns',
  codeCommitRepositories: 'CodeCommitRepositoryArns',
};

/** The task records every type keeps in SSM Parameter Store (runtime/task-store.ts). */
const RECORDS: Record<string, ResourceKind> = {
  'ssm:GetParameter': 'records',
  'ssm:GetParameters': 'records',
  'ssm:GetParametersByPath': 'records',
  'ssm:PutParameter': 'records',
  'ssm:DeleteParameters': 'records',
};

/** S3 authorises HeadObject as s3:GetObject and HeadBucket as s3:ListBucket. */
const S3_READS: Record<string, ResourceKind> = { 's3:GetObject': 'objects', 's3:GetObjectVersion': 'objects', 's3:ListBucket': 'buckets' };

/** Every action of every type's schema, and what it acts on. */
export const ACTION_RESOURCES: Record<string, Record<string, ResourceKind>> = {
  'Orch::StepFunctions::Task': {
    ...RECORDS,
    'states:StartExecution': 'stateMachines',
    'states:DescribeExecution': 'executions',
    'states:StopExecution': 'executions',
  },
  'Orch::Lambda::Task': { ...RECORDS, 'lambda:InvokeFunction': 'functions', 'lambda:GetFunctionConfiguration': 'functions' },
  'Orch::S3::FileReader': { ...RECORDS, ...S3_READS },
  'Orch::S3::MetadataReader': { ...RECORDS, ...S3_READS },
  'Orch::Git::CommitFromS3': {
    ...RECORDS,
    ...S3_READS,
    'secretsmanager:GetSecretValue': 'secrets',
    'codecommit:GitPull': 'codeCommitRepositories',
    'codecommit:GitPush': 'codeCommitRepositories',
  },
  'Orch::Aws::Call': { ...RECORDS },
};

/**
 * Types whose calls the account admin names, not the schema: one statement of the admin's actions on the admin's
 * resources (both lists must be given), beside the statements the schema's permissions make.
 */
export const ADMIN_NAMED_CALLS: Record<string, { readonly actions: ScopeParameterName; readonly resources: ScopeParameterName; readonly sid: string }> = {
  'Orch::Aws::Call': { actions: 'CallActions', resources: 'CallResourceArns', sid: 'AdminAllowedCalls' },
};

/** The actions of a schema's handlers, each with its kind; throws naming an action the table lacks. */
export function actionKinds(schema: Record<string, any>): Map<string, ResourceKind> {
  const table = ACTION_RESOURCES[schema.typeName];
  if (!table) throw new Error(`tools/role-scopes.ts: no entry for ${schema.typeName}; add one that maps each of its actions to what it acts on`);
  const handlers = Object.values(schema.handlers as Record<string, { permissions?: string[] }>);
  const actions = [...new Set(handlers.flatMap((h) => h.permissions ?? []))].sort();
  const unmapped = actions.filter((a) => !table[a]);
  if (unmapped.length) throw new Error(`tools/role-scopes.ts: ${schema.typeName} declares ${unmapped.join(', ')}, which the table does not map to a resource kind`);
  return new Map(actions.map((a) => [a, table[a]]));
}

/** The scope parameters a type's role template takes, in a stable order. */
export function scopeParameters(schema: Parameters<typeof actionKinds>[0]): ScopeParameterName[] {
  const named = ADMIN_NAMED_CALLS[schema.typeName];
  const used = new Set<ScopeParameterName>([...actionKinds(schema).values()].flatMap((k) => (k === 'records' ? [] : [KIND_PARAMETER[k]])));
  if (named) [named.actions, named.resources].forEach((p) => used.add(p));
  return (Object.keys(SCOPE_PARAMETERS) as ScopeParameterName[]).filter((p) => used.has(p));
}

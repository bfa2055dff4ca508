/**
 * OrchestrationTypes, from the jsii-compiled package (npm run build:constructs): the registration resources and
 * their order, the execution roles against the generated role templates, allowFrom across stacks, the git type's
 * configuration, the package folder, and cfn-lint on the synthesized template.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  CfnGitCommitFromS3,
  CfnGitCommitFromS3CredentialsProvider,
  CfnLambdaTask,
  CfnS3FileReader,
  CfnStepFunctionsTask,
  OrchestrationTypes,
  OrchestrationTypesProps,
} from '@cfn-orchestration/constructs';
import { venvBin } from '../../local/python-env';
import { renderRolePolicy } from '../../tools/register/render-policy';
import { parseScopes, roleParameters } from '../../tools/register/scopes';
import { roleTemplateObject } from '../../tools/role-template';
import { hyphenated } from '../../tools/submission-package';
import { typeFolders } from '../../tools/type-folders';
import { TYPE_PERMISSIONS_FILE, typePermissionsTs } from '../../tools/type-permissions';

// cfn-resolver-lib has no type declarations.
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): any };

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const A = `${REGION}:${ACCOUNT}`;
const env = { account: ACCOUNT, region: REGION };
const types = typeFolders();
const TYPE_NAMES = types.map((t) => t.schema.typeName as string).sort();

let packages: string;
beforeAll(() => {
  // Stand-ins for the cfn submit packages: the construct only uploads them.
  packages = mkdtempSync(join(tmpdir(), 'orch-packages-'));
  for (const name of TYPE_NAMES) writeFileSync(join(packages, `${hyphenated(name)}.zip`), `package of ${name}`);
});
afterAll(() => rmSync(packages, { recursive: true, force: true }));

function install(props: Partial<OrchestrationTypesProps> = {}, app = new App()) {
  const stack = new Stack(app, 'Registration', { env });
  const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages, ...props });
  return { app, stack, orch };
}

const logicalId = (c: CfnElement) => Stack.of(c).getLogicalId(c);
const child = (orch: OrchestrationTypes, typeName: string, id: string) =>
  orch.node.findChild(typeName.split('::').slice(1).join('')).node.findChild(id);
const cfnOf = (c: unknown) => ((c as { node: { defaultChild?: unknown } }).node.defaultChild ?? c) as CfnElement;

/** The logical ids a value refers to (Ref, Fn::GetAtt), at any depth. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  if (Array.isArray(obj['Fn::GetAtt'])) return [obj['Fn::GetAtt'][0] as string];
  return Object.values(obj).flatMap(referencedIds);
}

/** Whether `from` waits for `to` in the template: through DependsOn, Ref or GetAtt, directly or transitively. */
function waitsFor(template: Record<string, any>, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const resource = template.Resources[from];
  const direct = [...[resource.DependsOn ?? []].flat(), ...referencedIds(resource.Properties)].filter((id) => id in template.Resources);
  return direct.includes(to) || direct.some((id) => waitsFor(template, id, to, seen));
}

/** The template with intrinsics resolved as CloudFormation would in this account and region. */
function resolved(template: Record<string, any>): Record<string, any> {
  const getAtts = Object.fromEntries(
    Object.keys(template.Resources).map((id) => [
      id,
      { Arn: `arn:aws:resolved:${A}:resource/${id}`, TypeArn: `arn:aws:cloudformation:${A}:type/resource/${id}`, CloneUrlHttp: `https://resolved/${id}` },
    ]),
  );
  return new NodeEvaluator(template, {
    RefResolvers: { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' },
    'Fn::GetAttResolvers': getAtts,
  }).evaluateNodes();
}

/** Ref to a pseudo parameter and Fn::Join resolved, nothing else. */
function withPseudoParameters(value: any): any {
  const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws' };
  if (Array.isArray(value)) return value.map(withPseudoParameters);
  if (!value || typeof value !== 'object') return value;
  if (typeof value.Ref === 'string' && value.Ref in pseudo) return pseudo[value.Ref];
  if (Array.isArray(value['Fn::Join'])) return (withPseudoParameters(value['Fn::Join'][1]) as string[]).join(value['Fn::Join'][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPseudoParameters(v)]));
}

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[] };
const normalized = (statements: Statement[]) =>
  statements
    .map((s) => ({ Sid: s.Sid, Action: [s.Action].flat().sort(), Resource: [s.Resource].flat().sort() }))
    .sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));

/** The execution role's one inline policy, resolved. */
function executionPolicy(stack: Stack, orch: OrchestrationTypes, typeName: string): Statement[] {
  const id = logicalId(cfnOf(child(orch, typeName, 'ExecutionRole')));
  const role = resolved(Template.fromStack(stack).toJSON()).Resources[id];
  expect(role.Properties.Policies).toHaveLength(1);
  return role.Properties.Policies[0].PolicyDocument.Statement;
}

describe('the registration resources', () => {
  test('per type: a package asset, a version, the default version, the execution role, the log group and the log role', () => {
    const { stack, orch } = install();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudFormation::ResourceVersion', TYPE_NAMES.length);
    template.resourceCountIs('AWS::CloudFormation::ResourceDefaultVersion', TYPE_NAMES.length);
    template.resourceCountIs('AWS::Logs::LogGroup', TYPE_NAMES.length);
    expect(orch.typeNames.sort()).toEqual(TYPE_NAMES);
    for (const typeName of TYPE_NAMES) {
      const ids = Object.fromEntries(['ExecutionRole', 'LogDeliveryRole', 'Logs', 'Version', 'DefaultVersion'].map((c) => [c, logicalId(cfnOf(child(orch, typeName, c)))]));
      template.hasResourceProperties('AWS::CloudFormation::ResourceVersion', {
        TypeName: typeName,
        SchemaHandlerPackage: Match.stringLikeRegexp(`^s3://cdk-[a-z0-9]+-assets-${ACCOUNT}-${REGION}/[0-9a-f]{64}\\.zip$`),
        ExecutionRoleArn: { 'Fn::GetAtt': [ids.ExecutionRole, 'Arn'] },
        LoggingConfig: { LogGroupName: { Ref: ids.Logs }, LogRoleArn: { 'Fn::GetAtt': [ids.LogDeliveryRole, 'Arn'] } },
      });
      template.hasResourceProperties('AWS::CloudFormation::ResourceDefaultVersion', { TypeVersionArn: { 'Fn::GetAtt': [ids.Version, 'Arn'] } });
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/cloudformation/registry/${typeName.replace(/::/g, '-')}`, RetentionInDays: 90 });
      expect(stack.resolve(orch.typeVersionArn(typeName))).toEqual({ 'Fn::GetAtt': [ids.Version, 'Arn'] });
    }
  });

  test('the default version waits for the version, the version for the execution role (policy included), the log group and the log role', () => {
    const { stack, orch } = install();
    const template = Template.fromStack(stack).toJSON();
    for (const typeName of TYPE_NAMES) {
      const id = (c: string) => logicalId(cfnOf(child(orch, typeName, c)));
      expect(waitsFor(template, id('DefaultVersion'), id('Version'))).toBe(true);
      expect(waitsFor(template, id('Version'), id('ExecutionRole'))).toBe(true);
      expect(waitsFor(template, id('Version'), id('Logs'))).toBe(true);
      expect(waitsFor(template, id('Version'), id('LogDeliveryRole'))).toBe(true);
      expect(waitsFor(template, id('Version'), id('DefaultVersion'))).toBe(false);
      // The statements sit in the role itself, so no separate policy can lag behind the registration.
      expect(template.Resources[id('ExecutionRole')].Properties.Policies[0].PolicyName).toBe('ResourceTypePolicy');
    }
    // The one separate policy is the configuration custom resource's.
    const policies = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::IAM::Policy') as any[];
    expect(policies.map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{ Action: 'cloudformation:SetTypeConfiguration', Effect: 'Allow', Resource: '*' }]]);
  });

  test('typeNames installs a subset; an unknown name names the known ones', () => {
    const { stack, orch } = install({ typeNames: ['Orch::Lambda::Task', 'Orch::S3::FileReader'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudFormation::ResourceVersion', 2);
    template.hasResourceProperties('AWS::CloudFormation::ResourceVersion', { TypeName: 'Orch::S3::FileReader' });
    template.resourceCountIs('Custom::AWS', 0);
    expect(() => orch.executionRole('Orch::Git::CommitFromS3')).toThrow(/Registration\/Types: Orch::Git::CommitFromS3 is not installed here/);
    expect(() => install({ typeNames: ['Orch::Lambda::Tsak'] })).toThrow(
      /Registration\/Types: unknown type name\(s\) Orch::Lambda::Tsak; known: Orch::Git::CommitFromS3, Orch::Lambda::Task/,
    );
  });

  test('the roles trust CloudFormation\'s registry for this account, the execution role for its own type only', () => {
    const { stack, orch } = install({ typeNames: ['Orch::Lambda::Task'] });
    // cfn-resolver-lib reads every "Condition" key as a template condition, so the pseudo parameters are put in here.
    const template = withPseudoParameters(Template.fromStack(stack).toJSON());
    const trust = (c: string) => template.Resources[logicalId(cfnOf(child(orch, 'Orch::Lambda::Task', c)))].Properties.AssumeRolePolicyDocument.Statement;
    const principal = { Effect: 'Allow', Principal: { Service: 'resources.cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' };
    expect(trust('ExecutionRole')).toEqual([
      {
        ...principal,
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          StringLike: { 'aws:SourceArn': `arn:aws:cloudformation:${A}:type/resource/Orch-Lambda-Task/*` },
        },
      },
    ]);
    expect(trust('LogDeliveryRole')).toEqual([{ ...principal, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }]);
  });
});

describe('execution roles', () => {
  /** One resource of every kind, as the admin would name it, and the same as the scopes file of `npm run register`. */
  const allowed = (stack: Stack) => ({
    stateMachines: [sfn.StateMachine.fromStateMachineArn(stack, 'Machine', `arn:aws:states:${A}:stateMachine:train`)],
    functions: [lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:${A}:function:etl`)],
    buckets: [{ bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'configs'), prefix: 'app/' }],
    secrets: [secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', `arn:aws:secretsmanager:${A}:secret:git/publisher-AbCdEf`)],
    repositories: [codecommit.Repository.fromRepositoryArn(stack, 'Repo', `arn:aws:codecommit:${A}:config`)],
  });
  const SCOPES = {
    'Orch::StepFunctions::Task': { StateMachineArns: [`arn:aws:states:${A}:stateMachine:train`] },
    'Orch::Lambda::Task': { FunctionArns: [`arn:aws:lambda:${A}:function:etl`] },
    'Orch::S3::FileReader': { S3: [{ Bucket: 'configs', Prefix: 'app/' }] },
    'Orch::S3::MetadataReader': { S3: [{ Bucket: 'configs', Prefix: 'app/' }] },
    'Orch::Git::CommitFromS3': {
      S3: [{ Bucket: 'configs', Prefix: 'app/' }],
      SecretArns: [`arn:aws:secretsmanager:${A}:secret:git/publisher-AbCdEf`, `arn:aws:secretsmanager:${A}:secret:git/publisher-AbCdEf-??????`],
      CodeCommitRepositoryArns: [`arn:aws:codecommit:${A}:config`],
    },
  };

  test.each(TYPE_NAMES)('%s: the same statements as its generated resource-role.yaml, with and without scopes', (typeName) => {
    const type = types.find((t) => t.schema.typeName === typeName)!;
    const template = roleTemplateObject(type.schema);
    const account = { region: REGION, accountId: ACCOUNT };
    const scopes = parseScopes(SCOPES, 'test scopes', types, 'aws');

    const bare = install();
    expect(normalized(executionPolicy(bare.stack, bare.orch, typeName))).toEqual(normalized(renderRolePolicy(template, {}, account).Statement));

    const app = new App();
    const stack = new Stack(app, 'Registration', { env });
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages, ...allowed(stack) });
    const statements = executionPolicy(stack, orch, typeName);
    expect(normalized(statements)).toEqual(normalized(renderRolePolicy(template, roleParameters(type, scopes), account).Statement));
    // Every action of the schema is granted once something is allowed for each kind.
    const actions = Object.values(type.schema.handlers as Record<string, { permissions: string[] }>).flatMap((h) => h.permissions);
    expect(new Set(statements.flatMap((s) => [s.Action].flat()))).toEqual(new Set(actions));
  });

  test('with nothing allowed every execution role reaches its task records only; no execution role names "*"', () => {
    const { stack, orch } = install();
    for (const typeName of TYPE_NAMES) {
      const statements = executionPolicy(stack, orch, typeName);
      expect(statements.map((s) => s.Sid)).toEqual(['TaskRecords']);
      expect([statements[0].Resource].flat().every((r) => r.startsWith(`arn:aws:ssm:${A}:parameter/Orch/Task/`))).toBe(true);
    }
    const app = new App();
    const scoped = new Stack(app, 'Registration', { env });
    const allowedOrch = new OrchestrationTypes(scoped, 'Types', { packagesDirectory: packages, ...allowed(scoped) });
    for (const typeName of TYPE_NAMES) {
      for (const s of executionPolicy(scoped, allowedOrch, typeName)) {
        for (const r of [s.Resource].flat()) expect(r).toMatch(/^arn:aws:(ssm|states|lambda|s3|secretsmanager|codecommit):/);
      }
    }
  });

  test('"*" appears only for the log delivery role\'s actions that have no ARN and for SetTypeConfiguration', () => {
    const { stack } = install();
    const template = Template.fromStack(stack).toJSON();
    const starred: string[] = [];
    for (const resource of Object.values(template.Resources) as any[]) {
      const documents = [
        ...(resource.Type === 'AWS::IAM::Role' ? (resource.Properties.Policies ?? []).map((p: any) => p.PolicyDocument) : []),
        ...(resource.Type === 'AWS::IAM::Policy' ? [resource.Properties.PolicyDocument] : []),
      ];
      for (const s of documents.flatMap((d: any) => d.Statement)) {
        if ([s.Resource].flat().includes('*')) starred.push(...[s.Action].flat());
      }
    }
    expect([...new Set(starred)].sort()).toEqual(['cloudformation:SetTypeConfiguration', 'cloudwatch:ListMetrics', 'cloudwatch:PutMetricData', 'logs:DescribeLogGroups']);
  });

  test('the log delivery role writes to its own log group only', () => {
    const { stack, orch } = install({ typeNames: ['Orch::Lambda::Task'] });
    const template = Template.fromStack(stack).toJSON();
    const role = template.Resources[logicalId(cfnOf(child(orch, 'Orch::Lambda::Task', 'LogDeliveryRole')))];
    expect(role.Properties.Policies[0].PolicyDocument.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [logicalId(cfnOf(child(orch, 'Orch::Lambda::Task', 'Logs'))), 'Arn'] },
    });
  });
});

describe('explicit props', () => {
  test('buckets with typeNames are read by those types only; a type that reads no S3 is refused', () => {
    const app = new App();
    const stack = new Stack(app, 'Registration', { env });
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'configs');
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages, buckets: [{ bucket, prefix: 'app', typeNames: ['Orch::S3::FileReader'] }] });
    const sids = (typeName: string) => executionPolicy(stack, orch, typeName).map((st) => st.Sid).sort();
    expect(sids('Orch::S3::FileReader')).toEqual(['ListBuckets', 'ReadObjects', 'TaskRecords']);
    expect(sids('Orch::S3::MetadataReader')).toEqual(['TaskRecords']);
    expect(sids('Orch::Git::CommitFromS3')).toEqual(['TaskRecords']);
    // A prefix without a trailing / is read as a folder, as the git type reads it.
    expect(normalized(executionPolicy(stack, orch, 'Orch::S3::FileReader')).find((st) => st.Sid === 'ReadObjects')!.Resource).toEqual(['arn:aws:s3:::configs/app/*']);
    expect(() => install({ buckets: [{ bucket: s3.Bucket.fromBucketName(new Stack(), 'B', 'other-bucket'), typeNames: ['Orch::Lambda::Task'] }] })).toThrow(
      /Registration\/Types: buckets: Orch::Lambda::Task is not an installed type that reads S3 \(Orch::Git::CommitFromS3, Orch::S3::FileReader, Orch::S3::MetadataReader\)/,
    );
  });

  test('a secret imported by name is granted with the six characters Secrets Manager appends', () => {
    const app = new App();
    const stack = new Stack(app, 'Registration', { env });
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Token', 'git/publisher');
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages, typeNames: ['Orch::Git::CommitFromS3'], secrets: [secret] });
    const read = normalized(executionPolicy(stack, orch, 'Orch::Git::CommitFromS3')).find((st) => st.Sid === 'ReadGitCredentials')!;
    expect(read.Resource).toEqual([`arn:aws:secretsmanager:${A}:secret:git/publisher`, `arn:aws:secretsmanager:${A}:secret:git/publisher-??????`]);
  });
});

describe('the generated data', () => {
  test('is what tools/type-permissions.ts writes from the schemas, headed as generated with its command', () => {
    const file = join(__dirname, '..', '..', 'constructs', 'lib', TYPE_PERMISSIONS_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(typePermissionsTs(types));
    expect(text.split('\n')[0]).toMatch(/^\/\/ Generated from resource-types\/\*\/orch-\*\.json, tools\/role-scopes\.ts/);
    expect(text.split('\n')[1]).toContain('by `npm run generate` (tools/type-permissions.ts). Do not edit');
  });
});

describe('allowFrom(scope)', () => {
  /** Infrastructure in one stack, the Orch resources in another, the registration in a third. */
  function threeStacks() {
    const app = new App();
    const infra = new Stack(app, 'Infra', { env });
    const machine = new sfn.StateMachine(infra, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(infra, 'Pass')) });
    const fn = new lambda.Function(infra, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1') });
    const bucket = new s3.Bucket(infra, 'Bucket');
    const secret = new secretsmanager.Secret(infra, 'GitToken');
    const { stack: registration, orch } = install({}, app);
    const appStack = new Stack(app, 'Pipeline', { env });
    const train = new CfnStepFunctionsTask(appStack, 'Train', { stateMachineArn: machine.stateMachineArn });
    const etl = new CfnLambdaTask(appStack, 'Etl', { functionName: fn.functionName });
    const config = new CfnS3FileReader(appStack, 'Config', { bucket: bucket.bucketName, key: 'app/settings.json' });
    const publish = new CfnGitCommitFromS3(appStack, 'Publish', {
      bucket: bucket.bucketName,
      prefix: 'release',
      repositoryUrl: 'https://github.com/my-org/models.git',
      commitMessage: 'model',
      credentials: { provider: CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secretArn: secret.secretArn },
    });
    return { app, infra, registration, orch, appStack, machine, fn, bucket, secret, train, etl, config, publish };
  }

  test('grants what the resources of another stack reference in a policy there, on the types\' roles, which each resource waits for', () => {
    const s = threeStacks();
    s.orch.allowFrom(s.appStack);
    const template = Template.fromStack(s.appStack).toJSON();
    const policies = Object.entries(template.Resources).filter(([, r]: [string, any]) => r.Type === 'AWS::IAM::Policy') as Array<[string, any]>;
    expect(policies).toHaveLength(4);
    const roleOf = (typeName: string) => s.registration.resolve((s.orch.executionRole(typeName).node.defaultChild as CfnResource).ref);
    for (const [resource, typeName] of [
      [s.train, 'Orch::StepFunctions::Task'],
      [s.etl, 'Orch::Lambda::Task'],
      [s.config, 'Orch::S3::FileReader'],
      [s.publish, 'Orch::Git::CommitFromS3'],
    ] as Array<[CfnResource, string]>) {
      const dependsOn: string[] = template.Resources[logicalId(resource)].DependsOn;
      const [policyId, policy] = policies.find(([id]) => dependsOn.includes(id))!;
      expect(policyId).toBeDefined();
      // The role's name comes from the registration stack: exported there, imported here.
      expect(JSON.stringify(policy.Properties.Roles)).toMatch(/Fn::ImportValue/);
      expect(JSON.stringify(policy.Properties.Roles)).toContain(roleOf(typeName).Ref);
    }
    // The ARNs come from the infrastructure stack.
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const bySid = (sid: string) => statements.filter((st: any) => st.Sid === sid);
    expect(JSON.stringify(bySid('StartExecutions'))).toContain(`Fn::ImportValue`);
    expect(bySid('StartExecutions')[0].Action).toEqual('states:StartExecution');
    expect(bySid('InvokeFunctions')[0].Action.sort()).toEqual(['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction']);
    expect(bySid('ReadObjects')).toHaveLength(2);
    expect(bySid('ReadGitCredentials')).toHaveLength(1);
    // The app deploys after the registration, the registration depends on nothing of the app.
    expect(s.appStack.dependencies).toEqual(expect.arrayContaining([s.registration, s.infra]));
    expect(s.registration.dependencies).not.toContain(s.appStack);
    // The registration's own roles stay at their task records.
    expect(executionPolicy(s.registration, s.orch, 'Orch::StepFunctions::Task').map((st) => st.Sid)).toEqual(['TaskRecords']);
    s.app.synth(); // no cycle
  });

  test('the granted resources are the referenced ones, imported from the stack that holds them', () => {
    const s = threeStacks();
    s.orch.allowFrom(s.appStack);
    s.app.synth();
    const infraId = (c: { node: { defaultChild?: unknown } }) => s.infra.getLogicalId(c.node.defaultChild as CfnElement);
    const template = Template.fromStack(s.appStack).toJSON();
    const statements = (Object.values(template.Resources) as any[]).filter((r) => r.Type === 'AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement);
    const resources = (sid: string) => JSON.stringify(statements.filter((st: any) => st.Sid === sid).map((st: any) => st.Resource));
    const imported = (id: string) => new RegExp(`"Fn::ImportValue":"Infra:ExportsOutput(Ref|FnGetAtt)${id}`);
    expect(resources('StartExecutions')).toMatch(imported(infraId(s.machine)));
    expect(resources('FollowExecutions')).toMatch(imported(infraId(s.machine)));
    expect(resources('FollowExecutions')).toContain(':execution:');
    // The task names the function by name; IAM needs its ARN.
    expect(resources('InvokeFunctions')).toMatch(new RegExp(`${imported(infraId(s.fn)).source}Arn`));
    expect(resources('ReadObjects')).toMatch(imported(infraId(s.bucket)));
    expect(resources('ReadObjects')).toContain('/app/settings.json');
    expect(resources('ReadObjects')).toContain('/release/*');
    expect(resources('ReadGitCredentials')).toMatch(imported(infraId(s.secret)));
  });

  test('resources in the registration\'s own stack: the grants go into the execution role and the resource waits for the default version', () => {
    const { stack, orch } = install({ typeNames: ['Orch::StepFunctions::Task', 'Orch::Git::CommitFromS3'] });
    const task = new CfnStepFunctionsTask(stack, 'Train', { stateMachineArn: `arn:aws:states:${A}:stateMachine:train:prod` });
    const publish = new CfnGitCommitFromS3(stack, 'Publish', {
      bucket: 'releases',
      repositoryUrl: `https://git-codecommit.${REGION}.amazonaws.com/v1/repos/config`,
      commitMessage: 'release',
      credentials: { provider: CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT },
    });
    orch.allowFrom(stack);
    const statements = normalized(executionPolicy(stack, orch, 'Orch::StepFunctions::Task'));
    expect(statements.find((st) => st.Sid === 'StartExecutions')!.Resource).toEqual([`arn:aws:states:${A}:stateMachine:train`, `arn:aws:states:${A}:stateMachine:train:*`]);
    expect(statements.find((st) => st.Sid === 'FollowExecutions')!.Resource).toEqual([`arn:aws:states:${A}:execution:train:*`]);
    const git = normalized(executionPolicy(stack, orch, 'Orch::Git::CommitFromS3'));
    expect(git.find((st) => st.Sid === 'PushToCodeCommit')!.Resource).toEqual([`arn:aws:codecommit:${A}:config`]);
    expect(git.find((st) => st.Sid === 'ReadObjects')!.Resource).toEqual(['arn:aws:s3:::releases/*']);
    const template = Template.fromStack(stack).toJSON();
    expect(waitsFor(template, logicalId(task), logicalId(cfnOf(child(orch, 'Orch::StepFunctions::Task', 'DefaultVersion'))))).toBe(true);
    expect(waitsFor(template, logicalId(publish), logicalId(cfnOf(orch.node.findChild('GitCommitFromS3Configuration'))))).toBe(true);
    expect(Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::IAM::Policy')).toHaveLength(1); // the custom resource's own
  });

  test('a resource of a type this OrchestrationTypes does not install is refused by name', () => {
    const { stack, orch } = install({ typeNames: ['Orch::StepFunctions::Task'] });
    new CfnLambdaTask(stack, 'Etl', { functionName: 'etl' });
    expect(() => orch.allowFrom(stack)).toThrow(/Registration\/Types: allowFrom found Registration\/Etl, an Orch::Lambda::Task, which this OrchestrationTypes does not install \(Orch::StepFunctions::Task\)/);
  });

  test('a function named without an ARN is granted in the region and account of its stack', () => {
    const { stack, orch } = install({ typeNames: ['Orch::Lambda::Task'] });
    new CfnLambdaTask(stack, 'Etl', { functionName: 'etl:live' });
    orch.allowFrom(stack);
    const invoke = normalized(executionPolicy(stack, orch, 'Orch::Lambda::Task')).find((st) => st.Sid === 'InvokeFunctions')!;
    expect(invoke.Resource).toEqual([`arn:aws:lambda:${A}:function:etl`, `arn:aws:lambda:${A}:function:etl:*`]);
  });

  test('a CodeCommit URL known only at deploy warns and grants no repository', () => {
    const { stack, orch } = install({ typeNames: ['Orch::Git::CommitFromS3'] });
    const url = codecommit.Repository.fromRepositoryName(stack, 'Imported', 'config').repositoryCloneUrlHttp;
    new CfnGitCommitFromS3(stack, 'Publish', { bucket: 'releases', repositoryUrl: url, commitMessage: 'm', credentials: { provider: CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT } });
    orch.allowFrom(stack);
    Annotations.fromStack(stack).hasWarning('/Registration/Publish', Match.stringLikeRegexp("name it in OrchestrationTypes' repositories"));
    expect(executionPolicy(stack, orch, 'Orch::Git::CommitFromS3').map((st) => st.Sid)).not.toContain('PushToCodeCommit');
  });
});

describe('the git type\'s configuration', () => {
  /** The SetTypeConfiguration call of the custom resource, resolved. */
  function configurationCall(stack: Stack) {
    const template = resolved(Template.fromStack(stack).toJSON());
    const [resource] = (Object.values(template.Resources) as any[]).filter((r) => r.Type === 'Custom::AWS');
    const call = JSON.parse(resource.Properties.Create);
    expect(JSON.parse(resource.Properties.Update)).toEqual(call);
    return { ...call, configuration: JSON.parse(call.parameters.Configuration) };
  }

  test('sets AllowedRepositoryUrls from the props and from allowFrom on the installed type, after its default version', () => {
    const { stack, orch } = install({
      repositoryUrls: ['https://github.com/my-org/*'],
      repositories: [codecommit.Repository.fromRepositoryArn(new Stack(new App(), 'Other', { env }), 'Repo', `arn:aws:codecommit:${A}:config`)],
    });
    new CfnGitCommitFromS3(stack, 'Publish', { bucket: 'b', repositoryUrl: 'https://git.example.com/a.git', commitMessage: 'm', credentials: { provider: CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secretArn: `arn:aws:secretsmanager:${A}:secret:x` } });
    orch.allowFrom(stack);
    const call = configurationCall(stack);
    const version = logicalId(cfnOf(child(orch, 'Orch::Git::CommitFromS3', 'Version')));
    expect(call).toMatchObject({
      service: 'CloudFormation',
      action: 'SetTypeConfiguration',
      parameters: { TypeArn: `arn:aws:cloudformation:${A}:type/resource/${version}`, ConfigurationAlias: 'default' },
      physicalResourceId: { responsePath: 'ConfigurationArn' },
    });
    expect(call.configuration).toEqual({
      AllowedRepositoryUrls: [`https://git-codecommit.${REGION}.amazonaws.com/v1/repos/config`, 'https://github.com/my-org/*', 'https://git.example.com/a.git'],
    });
    const template = Template.fromStack(stack).toJSON();
    const configurationId = logicalId(cfnOf(orch.node.findChild('GitCommitFromS3Configuration')));
    expect(waitsFor(template, configurationId, logicalId(cfnOf(child(orch, 'Orch::Git::CommitFromS3', 'DefaultVersion'))))).toBe(true);
  });

  test('with nothing allowed it sets an empty list, so a configuration set earlier does not linger', () => {
    const { stack } = install();
    expect(configurationCall(stack).configuration).toEqual({ AllowedRepositoryUrls: [] });
  });

  test('a CodeCommit repository of another stack is allowed by its clone URL built from its name, with no reference to that stack', () => {
    const app = new App();
    const { stack, orch } = install({}, app);
    const appStack = new Stack(app, 'Pipeline', { env });
    const repo = new codecommit.Repository(appStack, 'Repo', { repositoryName: 'config' });
    new CfnGitCommitFromS3(appStack, 'Publish', { bucket: 'b', repositoryUrl: repo.repositoryCloneUrlHttp, commitMessage: 'm', credentials: { provider: CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT } });
    orch.allowFrom(appStack);
    app.synth();
    expect(configurationCall(stack).configuration).toEqual({ AllowedRepositoryUrls: [`https://git-codecommit.${REGION}.amazonaws.com/v1/repos/config`] });
    expect(stack.dependencies).not.toContain(appStack);
    // The push is granted in the app's stack, on the repository itself.
    const policies = Template.fromStack(appStack).findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.find((st: any) => st.Sid === 'PushToCodeCommit').Resource).toEqual({ 'Fn::GetAtt': [appStack.getLogicalId(repo.node.defaultChild as CfnElement), 'Arn'] });
  });

  test('a repository given in the props may live in a stack that deploys first: the registration imports its URL and ARN', () => {
    const app = new App();
    const infra = new Stack(app, 'Infra', { env });
    const repo = new codecommit.Repository(infra, 'Repo', { repositoryName: 'config' });
    const { stack, orch } = install({ repositories: [repo] }, app);
    app.synth();
    expect(stack.dependencies).toContain(infra);
    const create = JSON.stringify(Template.fromStack(stack).findResources('Custom::AWS'));
    expect(create).toMatch(/Fn::ImportValue.*Infra:ExportsOutputFnGetAttRepo[0-9A-F]+CloneUrlHttp/);
    const push = executionPolicy(stack, orch, 'Orch::Git::CommitFromS3').find((st) => st.Sid === 'PushToCodeCommit')!;
    expect(JSON.stringify(push.Resource)).toMatch(/Infra:ExportsOutputFnGetAttRepo[0-9A-F]+Arn/);
  });

  test('any other repository URL only a later stack knows is left out with a warning that says what to do', () => {
    const app = new App();
    const { stack, orch } = install({ repositoryUrls: ['https://git.example.com/*'] }, app);
    const appStack = new Stack(app, 'Pipeline', { env });
    const url = new CfnParameter(appStack, 'RepositoryUrl').valueAsString;
    new CfnGitCommitFromS3(appStack, 'Publish', { bucket: 'b', repositoryUrl: url, commitMessage: 'm', credentials: { provider: CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secretArn: `arn:aws:secretsmanager:${A}:secret:x` } });
    orch.allowFrom(appStack);
    Annotations.fromStack(appStack).hasWarning(
      '/Pipeline/Publish',
      Match.stringLikeRegexp('the repository URL is known only when stack Pipeline deploys, after Registration, .*name the URL \\(or a pattern\\) in repositoryUrls of Registration/Types'),
    );
    expect(configurationCall(stack).configuration).toEqual({ AllowedRepositoryUrls: ['https://git.example.com/*'] });
  });
});

describe('packages', () => {
  test('a packages directory without a type\'s package names the file', () => {
    const partial = mkdtempSync(join(tmpdir(), 'orch-partial-'));
    try {
      writeFileSync(join(partial, 'orch-lambda-task.zip'), 'x');
      expect(() => new OrchestrationTypes(new Stack(new App(), 'S'), 'Types', { packagesDirectory: partial })).toThrow(
        new RegExp(`S/Types: no package for Orch::Git::CommitFromS3: ${partial}/orch-git-commitfroms3\\.zip does not exist\\. packagesDirectory \\(packages_directory in Python\\) must hold orch-git-commitfroms3\\.zip, orch-lambda-task\\.zip`),
      );
      expect(() => new OrchestrationTypes(new Stack(new App(), 'S'), 'Types', { packagesDirectory: partial, typeNames: ['Orch::Lambda::Task'] })).not.toThrow();
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  test('by default the packages come from the library\'s packages/ folder (npm run package:types fills it), or the error says how to fill it', () => {
    const own = join(__dirname, '..', '..', 'constructs', 'packages');
    const filled = TYPE_NAMES.every((name) => existsSync(join(own, `${hyphenated(name)}.zip`)));
    const make = () => new OrchestrationTypes(new Stack(new App(), 'S', { env }), 'Types');
    if (!filled) {
      expect(make).toThrow(/S\/Types: no package for Orch::[A-Za-z:0-9]+: .*constructs\/packages\/orch-[a-z0-9-]+\.zip does not exist\. Build the packages with `npm run package:types`/);
      return;
    }
    const hash = (orch: OrchestrationTypes) => (child(orch, 'Orch::Lambda::Task', 'Package') as unknown as { assetHash: string }).assetHash;
    expect(hash(make())).toBe(hash(new OrchestrationTypes(new Stack(new App(), 'S', { env }), 'Types', { packagesDirectory: own })));
    expect(hash(make())).not.toBe(hash(install().orch));
  });
});

describe('cfn-lint', () => {
  /** cfn-lint's findings on a template (exit status 0 when none, 2/4/6 for errors/warnings/both), as JSON. */
  function lint(template: unknown, dir: string): Array<{ Rule: { Id: string }; Location: { Path: Array<string | number> }; Message: string }> {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(template, null, 2));
    // A folder of schemas only (a type folder holds other JSON too), so the Orch resources are known.
    const schemaDir = join(dir, 'schemas');
    mkdirSync(schemaDir, { recursive: true });
    for (const t of types) copyFileSync(join(t.dir, t.schemaFile), join(schemaDir, t.schemaFile));
    const run = spawnSync(venvBin('cfn-lint'), ['--format', 'json', '--regions', REGION, '--registry-schemas', schemaDir, '--', file], { encoding: 'utf8' });
    if (run.status !== 0 && !run.stdout.trim().startsWith('[')) throw new Error(`cfn-lint failed: ${run.stderr}`);
    return JSON.parse(run.stdout || '[]');
  }

  test('finds nothing in the synthesized registration template but aws-cdk-lib\'s own custom resource provider', () => {
    const app = new App();
    const infra = new Stack(app, 'Infra', { env });
    const { stack, orch } = install({ stateMachines: [sfn.StateMachine.fromStateMachineArn(infra, 'M', `arn:aws:states:${A}:stateMachine:train`)], repositoryUrls: ['https://github.com/my-org/*'] }, app);
    new CfnS3FileReader(stack, 'Config', { bucket: 'configs', key: 'app/settings.json' });
    orch.allowFrom(stack);
    const dir = mkdtempSync(join(tmpdir(), 'orch-lint-'));
    try {
      const findings = lint(Template.fromStack(stack).toJSON(), dir);
      // AwsCustomResource's singleton function (logical id AWS679f53fac002430cb0da5b7982bd2287...) names its role
      // in DependsOn as well as by GetAtt (W3005); that is aws-cdk-lib's code, not this construct's.
      const provider = /^AWS679f53fac002430cb0da5b7982bd2287/;
      const ours = findings.filter((f) => !(f.Rule.Id === 'W3005' && provider.test(String(f.Location.Path[1]))));
      expect(ours.map((f) => `${f.Rule.Id} ${f.Location.Path.join('/')}: ${f.Message}`)).toEqual([]);
      expect(findings.length).toBeLessThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

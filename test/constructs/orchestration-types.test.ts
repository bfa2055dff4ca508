/**
 * OrchestrationTypes, from the jsii-compiled package (npm run build:constructs): the registration resources and
 * their order, the execution roles against the generated role templates, the explicit props, the package folder,
 * the generated data and cfn-lint on the synthesized template. allowFrom and the git configuration:
 * orchestration-types.allow-from.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CfnS3FileReader, OrchestrationTypes } from '@cfn-orchestration/constructs';
import { venvBin } from '../../local/python-env';
import { renderRolePolicy } from '../../tools/register/render-policy';
import { parseScopes, roleParameters } from '../../tools/register/scopes';
import { roleTemplateObject } from '../../tools/role-template';
import { hyphenated } from '../../tools/submission-package';
import { TYPE_PERMISSIONS_FILE, typePermissionsTs } from '../../tools/type-permissions';
import {
  A,
  ACCOUNT,
  child,
  cfnOf,
  env,
  executionPolicy,
  install,
  logicalId,
  normalized,
  REGION,
  standInPackages,
  TYPE_NAMES,
  types,
  waitsFor,
  withPseudoParameters,
} from '../support/registration-template';

const packages = standInPackages();

describe('the registration resources', () => {
  test('per type: a package asset, a version, the default version, the execution role, the log group and the log role', () => {
    const { stack, orch } = install(packages);
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
    const { stack, orch } = install(packages);
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
    // The separate policies are the configuration custom resources' (the git type's and the call type's).
    const policies = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::IAM::Policy') as any[];
    const setConfiguration = [{ Action: 'cloudformation:SetTypeConfiguration', Effect: 'Allow', Resource: '*' }];
    expect(policies.map((p) => p.Properties.PolicyDocument.Statement)).toEqual([setConfiguration, setConfiguration]);
  });

  test('typeNames installs a subset; an unknown name names the known ones', () => {
    const { stack, orch } = install(packages, { typeNames: ['Orch::Lambda::Task', 'Orch::S3::FileReader'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudFormation::ResourceVersion', 2);
    template.hasResourceProperties('AWS::CloudFormation::ResourceVersion', { TypeName: 'Orch::S3::FileReader' });
    template.resourceCountIs('Custom::AWS', 0);
    expect(() => orch.executionRole('Orch::Git::CommitFromS3')).toThrow(/Registration\/Types: Orch::Git::CommitFromS3 is not installed here/);
    expect(() => install(packages, { typeNames: ['Orch::Lambda::Tsak'] })).toThrow(
      /Registration\/Types: unknown type name\(s\) Orch::Lambda::Tsak; known: Orch::Aws::Call, Orch::Git::CommitFromS3, Orch::Lambda::Task/,
    );
  });

  test('the roles trust CloudFormation\'s registry for this account, the execution role for its own type only', () => {
    const { stack, orch } = install(packages, { typeNames: ['Orch::Lambda::Task'] });
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

    const bare = install(packages);
    expect(normalized(executionPolicy(bare.stack, bare.orch, typeName))).toEqual(normalized(renderRolePolicy(template, {}, account).Statement));

    const app = new App();
    const stack = new Stack(app, 'Registration', { env });
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages.dir, ...allowed(stack) });
    const statements = executionPolicy(stack, orch, typeName);
    expect(normalized(statements)).toEqual(normalized(renderRolePolicy(template, roleParameters(type, scopes), account).Statement));
    // Every action of the schema is granted once something is allowed for each kind.
    const actions = Object.values(type.schema.handlers as Record<string, { permissions: string[] }>).flatMap((h) => h.permissions);
    expect(new Set(statements.flatMap((s) => [s.Action].flat()))).toEqual(new Set(actions));
  });

  test('with nothing allowed every execution role reaches its task records only; no execution role names "*"', () => {
    const { stack, orch } = install(packages);
    for (const typeName of TYPE_NAMES) {
      const statements = executionPolicy(stack, orch, typeName);
      expect(statements.map((s) => s.Sid)).toEqual(['TaskRecords']);
      expect([statements[0].Resource].flat().every((r) => r.startsWith(`arn:aws:ssm:${A}:parameter/Orch/Task/`))).toBe(true);
    }
    const app = new App();
    const scoped = new Stack(app, 'Registration', { env });
    const allowedOrch = new OrchestrationTypes(scoped, 'Types', { packagesDirectory: packages.dir, ...allowed(scoped) });
    for (const typeName of TYPE_NAMES) {
      for (const s of executionPolicy(scoped, allowedOrch, typeName)) {
        for (const r of [s.Resource].flat()) expect(r).toMatch(/^arn:aws:(ssm|states|lambda|s3|secretsmanager|codecommit):/);
      }
    }
  });

  test('"*" appears only for the log delivery role\'s actions that have no ARN and for SetTypeConfiguration', () => {
    const { stack } = install(packages);
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
    const { stack, orch } = install(packages, { typeNames: ['Orch::Lambda::Task'] });
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
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages.dir, buckets: [{ bucket, prefix: 'app', typeNames: ['Orch::S3::FileReader'] }] });
    const sids = (typeName: string) => executionPolicy(stack, orch, typeName).map((st) => st.Sid).sort();
    expect(sids('Orch::S3::FileReader')).toEqual(['ListBuckets', 'ReadObjects', 'TaskRecords']);
    expect(sids('Orch::S3::MetadataReader')).toEqual(['TaskRecords']);
    expect(sids('Orch::Git::CommitFromS3')).toEqual(['TaskRecords']);
    // A prefix without a trailing / is read as a folder, as the git type reads it.
    expect(normalized(executionPolicy(stack, orch, 'Orch::S3::FileReader')).find((st) => st.Sid === 'ReadObjects')!.Resource).toEqual(['arn:aws:s3:::configs/app/*']);
    expect(() => install(packages, { buckets: [{ bucket: s3.Bucket.fromBucketName(new Stack(), 'B', 'other-bucket'), typeNames: ['Orch::Lambda::Task'] }] })).toThrow(
      /Registration\/Types: buckets: Orch::Lambda::Task is not an installed type that reads S3 \(Orch::Git::CommitFromS3, Orch::S3::FileReader, Orch::S3::MetadataReader\)/,
    );
  });

  test('ARN patterns pass through, with their versions, aliases and executions', () => {
    const machines = sfn.StateMachine.fromStateMachineArn(new Stack(), 'M', `arn:aws:states:${A}:stateMachine:train-*`);
    const { stack, orch } = install(packages, { typeNames: ['Orch::StepFunctions::Task'], stateMachines: [machines] });
    const statements = normalized(executionPolicy(stack, orch, 'Orch::StepFunctions::Task'));
    expect(statements.find((st) => st.Sid === 'StartExecutions')!.Resource).toEqual([`arn:aws:states:${A}:stateMachine:train-*`, `arn:aws:states:${A}:stateMachine:train-*:*`]);
    expect(statements.find((st) => st.Sid === 'FollowExecutions')!.Resource).toEqual([`arn:aws:states:${A}:execution:train-*:*`]);
  });

  test('a secret imported by name is granted with the six characters Secrets Manager appends', () => {
    const app = new App();
    const stack = new Stack(app, 'Registration', { env });
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Token', 'git/publisher');
    const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages.dir, typeNames: ['Orch::Git::CommitFromS3'], secrets: [secret] });
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

describe('packages', () => {
  test('a packages directory without a type\'s package names the file', () => {
    const partial = mkdtempSync(join(tmpdir(), 'orch-partial-'));
    try {
      writeFileSync(join(partial, 'orch-lambda-task.zip'), 'x');
      expect(() => new OrchestrationTypes(new Stack(new App(), 'S'), 'Types', { packagesDirectory: partial })).toThrow(
        new RegExp(`S/Types: no package for Orch::Aws::Call: ${partial}/orch-aws-call\\.zip does not exist\\. packagesDirectory \\(packages_directory in Python\\) must hold orch-aws-call\\.zip, orch-git-commitfroms3\\.zip, orch-lambda-task\\.zip`),
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
    expect(hash(make())).not.toBe(hash(install(packages).orch));
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
    const machine = sfn.StateMachine.fromStateMachineArn(new Stack(), 'M', `arn:aws:states:${A}:stateMachine:train`);
    const { stack, orch } = install(packages, { stateMachines: [machine], repositoryUrls: ['https://github.com/my-org/*'] });
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

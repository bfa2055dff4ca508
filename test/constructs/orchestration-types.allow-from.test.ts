/**
 * OrchestrationTypes.allowFrom across stacks (grants where the resources live, the deploy order they imply) and the
 * git type's configuration (AllowedRepositoryUrls through SetTypeConfiguration), from the jsii-compiled package.
 */
import { App, CfnElement, CfnParameter, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CfnGitCommitFromS3, CfnGitCommitFromS3CredentialsProvider, CfnLambdaTask, CfnS3FileReader, CfnStepFunctionsTask, LongRunningStepFunctionsTask } from '@cfn-orchestration/constructs';
import { A, child, cfnOf, env, executionPolicy, install, logicalId, normalized, REGION, resolved, standInPackages, waitsFor } from '../support/registration-template';

const packages = standInPackages();

describe('allowFrom(scope)', () => {
  /** Infrastructure in one stack, the Orch resources in another, the registration in a third. */
  function threeStacks() {
    const app = new App();
    const infra = new Stack(app, 'Infra', { env });
    const machine = new sfn.StateMachine(infra, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(infra, 'Pass')) });
    const fn = new lambda.Function(infra, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1') });
    const bucket = new s3.Bucket(infra, 'Bucket');
    const secret = new secretsmanager.Secret(infra, 'GitToken');
    const { stack: registration, orch } = install(packages, {}, app);
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
    const { stack, orch } = install(packages, { typeNames: ['Orch::StepFunctions::Task', 'Orch::Git::CommitFromS3'] });
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
    const { stack, orch } = install(packages, { typeNames: ['Orch::StepFunctions::Task'] });
    new CfnLambdaTask(stack, 'Etl', { functionName: 'etl' });
    expect(() => orch.allowFrom(stack)).toThrow(/Registration\/Types: allowFrom found Registration\/Etl, an Orch::Lambda::Task, which this OrchestrationTypes does not install \(Orch::StepFunctions::Task\)/);
  });

  test('a function named without an ARN is granted in the region and account of its stack', () => {
    const { stack, orch } = install(packages, { typeNames: ['Orch::Lambda::Task'] });
    new CfnLambdaTask(stack, 'Etl', { functionName: 'etl:live' });
    orch.allowFrom(stack);
    const invoke = normalized(executionPolicy(stack, orch, 'Orch::Lambda::Task')).find((st) => st.Sid === 'InvokeFunctions')!;
    expect(invoke.Resource).toEqual([`arn:aws:lambda:${A}:function:etl`, `arn:aws:lambda:${A}:function:etl:*`]);
  });

  test('a CodeCommit URL known only at deploy warns and grants no repository', () => {
    const { stack, orch } = install(packages, { typeNames: ['Orch::Git::CommitFromS3'] });
    const url = codecommit.Repository.fromRepositoryName(stack, 'Imported', 'config').repositoryCloneUrlHttp;
    new CfnGitCommitFromS3(stack, 'Publish', { bucket: 'releases', repositoryUrl: url, commitMessage: 'm', credentials: { provider: CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT } });
    orch.allowFrom(stack);
    Annotations.fromStack(stack).hasWarning('/Registration/Publish', Match.stringLikeRegexp("name it in OrchestrationTypes' repositories"));
    expect(executionPolicy(stack, orch, 'Orch::Git::CommitFromS3').map((st) => st.Sid)).not.toContain('PushToCodeCommit');
  });

  test('the links of a LongRunningStepFunctionsTask that follow the first are granted the first\'s state machine, without a warning', () => {
    const app = new App();
    const { orch } = install(packages, {}, app);
    const appStack = new Stack(app, 'Pipeline', { env });
    const machine = new sfn.StateMachine(appStack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(appStack, 'Pass')) });
    new LongRunningStepFunctionsTask(appStack, 'Train', { stateMachine: machine, timeout: Duration.days(3) });
    orch.allowFrom(appStack);
    expect(Annotations.fromStack(appStack).findWarning('*', Match.stringLikeRegexp('FollowExecutionArn'))).toEqual([]);
    const statements = Object.values(Template.fromStack(appStack).findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const follow = statements.filter((st: any) => st.Sid === 'FollowExecutions');
    expect(follow.length).toBeGreaterThan(0);
    expect(JSON.stringify(follow)).toContain(appStack.getLogicalId(machine.node.defaultChild as CfnElement));
  });

  test('a follower whose execution is not known at synth is left out with a warning naming the prop to set', () => {
    const app = new App();
    const { orch } = install(packages, {}, app);
    const appStack = new Stack(app, 'Pipeline', { env });
    new CfnStepFunctionsTask(appStack, 'Follow', { followExecutionArn: new CfnParameter(appStack, 'Execution').valueAsString });
    orch.allowFrom(appStack);
    Annotations.fromStack(appStack).hasWarning('/Pipeline/Follow', Match.stringLikeRegexp("FollowExecutionArn names is not known at synth; name its state machine in OrchestrationTypes' stateMachines"));
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
    const { stack, orch } = install(packages, {
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
    const { stack } = install(packages);
    expect(configurationCall(stack).configuration).toEqual({ AllowedRepositoryUrls: [] });
  });

  test('a CodeCommit repository of another stack is allowed by its clone URL built from its name, with no reference to that stack', () => {
    const app = new App();
    const { stack, orch } = install(packages, {}, app);
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
    const { stack, orch } = install(packages, { repositories: [repo] }, app);
    app.synth();
    expect(stack.dependencies).toContain(infra);
    const create = JSON.stringify(Template.fromStack(stack).findResources('Custom::AWS'));
    expect(create).toMatch(/Fn::ImportValue.*Infra:ExportsOutputFnGetAttRepo[0-9A-F]+CloneUrlHttp/);
    const push = executionPolicy(stack, orch, 'Orch::Git::CommitFromS3').find((st) => st.Sid === 'PushToCodeCommit')!;
    expect(JSON.stringify(push.Resource)).toMatch(/Infra:ExportsOutputFnGetAttRepo[0-9A-F]+Arn/);
  });

  test('any other repository URL only a later stack knows is left out with a warning that says what to do', () => {
    const app = new App();
    const { stack, orch } = install(packages, { repositoryUrls: ['https://git.example.com/*'] }, app);
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

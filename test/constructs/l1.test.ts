/**
 * The generated L1 classes (constructs/lib/*.generated.ts), as a user gets them: imported from the package that
 * `npm run build:constructs` compiles with jsii (npm test runs it first), synthesized with aws-cdk-lib's
 * assertions.Template.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as orch from '@cfn-orchestration/constructs';
import { REPO_ROOT } from '../../local/python-env';
import { typeFolders } from '../../tools/type-folders';

function newStack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** The Properties of the one resource of `type` in the stack's template, exactly. */
function propertiesOf(stack: Stack, type: string): unknown {
  const resources = Object.values(Template.fromStack(stack).findResources(type));
  expect(resources).toHaveLength(1);
  return resources[0].Properties;
}

const outputValue = (stack: Stack, name: string) => Template.fromStack(stack).toJSON().Outputs[name].Value;

describe('CfnStepFunctionsTask', () => {
  test('renders camelCase props under the schema names, tokens intact, and reads Outputs.<name>', () => {
    const stack = newStack();
    const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
    const task = new orch.CfnStepFunctionsTask(stack, 'Train', {
      stateMachineArn: machine.stateMachineArn,
      input: { epochs: 3, data: { uri: 's3://data/train' } },
      namePrefix: 'train',
      outputPaths: ['model'],
      expose: { ModelUri: 'model.uri', Accuracy: 'metrics.0.accuracy' },
      runToken: 'v1',
      stopOnDelete: false,
    });
    new CfnOutput(stack, 'ModelUri', { value: task.getOutput('ModelUri') });
    new CfnOutput(stack, 'Execution', { value: task.attrExecutionArn });

    expect(propertiesOf(stack, 'Orch::StepFunctions::Task')).toEqual({
      StateMachineArn: stack.resolve(machine.stateMachineArn),
      Input: { epochs: 3, data: { uri: 's3://data/train' } },
      NamePrefix: 'train',
      OutputPaths: ['model'],
      Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.0.accuracy' },
      RunToken: 'v1',
      StopOnDelete: false,
    });
    expect(outputValue(stack, 'ModelUri')).toEqual({ 'Fn::GetAtt': ['Train', 'Outputs.ModelUri'] });
    expect(outputValue(stack, 'Execution')).toEqual({ 'Fn::GetAtt': ['Train', 'ExecutionArn'] });
    expect(stack.resolve(task.ref)).toEqual({ Ref: 'Train' });
    expect(orch.CfnStepFunctionsTask.CFN_RESOURCE_TYPE_NAME).toBe('Orch::StepFunctions::Task');
  });

  test('leaves unset optional props out of the template', () => {
    const stack = newStack();
    new orch.CfnStepFunctionsTask(stack, 'Train', { stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:train' });
    expect(propertiesOf(stack, 'Orch::StepFunctions::Task')).toEqual({ StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:train' });
  });

  test('getOutput refuses a name Outputs cannot hold, naming the construct path and the pattern', () => {
    const stack = newStack();
    const task = new orch.CfnStepFunctionsTask(stack, 'Train', { stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:train' });
    expect(() => task.getOutput('model.uri')).toThrow('Test/Train: CfnStepFunctionsTask.getOutput("model.uri"): the key must match ^[A-Za-z0-9]{1,64}$');
  });
});

test('CfnLambdaTask renders its props and reads Outputs.<name>', () => {
  const stack = newStack();
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
  const task = new orch.CfnLambdaTask(stack, 'Score', { functionName: fn.functionArn, payload: '{"n":1}', expose: { Score: 'score' }, outputPaths: ['score'] });
  new CfnOutput(stack, 'ScoreValue', { value: task.getOutput('Score') });
  new CfnOutput(stack, 'RequestId', { value: task.attrRequestId });

  expect(propertiesOf(stack, 'Orch::Lambda::Task')).toEqual({
    FunctionName: stack.resolve(fn.functionArn),
    Payload: '{"n":1}',
    OutputPaths: ['score'],
    Expose: { Score: 'score' },
  });
  expect(outputValue(stack, 'ScoreValue')).toEqual({ 'Fn::GetAtt': ['Score', 'Outputs.Score'] });
  expect(outputValue(stack, 'RequestId')).toEqual({ 'Fn::GetAtt': ['Score', 'RequestId'] });
});

test('CfnS3FileReader renders its props and reads Outputs.<name>', () => {
  const stack = newStack();
  const bucket = new s3.Bucket(stack, 'Bucket');
  const reader = new orch.CfnS3FileReader(stack, 'Config', {
    bucket: bucket.bucketName,
    key: 'config/app.json',
    versionId: 'v7',
    outputPaths: ['image'],
    expose: { Image: 'image.tag' },
    defaults: { image: { tag: 'latest' } },
    runToken: 'r2',
  });
  new CfnOutput(stack, 'Image', { value: reader.getOutput('Image') });

  expect(propertiesOf(stack, 'Orch::S3::FileReader')).toEqual({
    Bucket: stack.resolve(bucket.bucketName),
    Key: 'config/app.json',
    VersionId: 'v7',
    OutputPaths: ['image'],
    Expose: { Image: 'image.tag' },
    Defaults: { image: { tag: 'latest' } },
    RunToken: 'r2',
  });
  expect(outputValue(stack, 'Image')).toEqual({ 'Fn::GetAtt': ['Config', 'Outputs.Image'] });
});

test('CfnS3MetadataReader renders its props and reads Outputs.<name> and Metadata.<key>', () => {
  const stack = newStack();
  const reader = new orch.CfnS3MetadataReader(stack, 'Model', { bucket: 'models', key: 'model.tar.gz', defaults: { commit: 'none' }, expose: { Commit: 'commit' } });
  new CfnOutput(stack, 'Commit', { value: reader.getOutput('Commit') });
  new CfnOutput(stack, 'Owner', { value: reader.getMetadataValue('owner') });
  new CfnOutput(stack, 'Length', { value: reader.attrContentLength });

  expect(propertiesOf(stack, 'Orch::S3::MetadataReader')).toEqual({ Bucket: 'models', Key: 'model.tar.gz', Defaults: { commit: 'none' }, Expose: { Commit: 'commit' } });
  expect(outputValue(stack, 'Commit')).toEqual({ 'Fn::GetAtt': ['Model', 'Outputs.Commit'] });
  expect(outputValue(stack, 'Owner')).toEqual({ 'Fn::GetAtt': ['Model', 'Metadata.owner'] });
  expect(outputValue(stack, 'Length')).toEqual({ 'Fn::GetAtt': ['Model', 'ContentLength'] });
});

test('CfnGitCommitFromS3 renders nested credentials under the schema names; numeric attributes are number tokens', () => {
  const stack = newStack();
  const secret = new secrets.Secret(stack, 'Token');
  const commit = new orch.CfnGitCommitFromS3(stack, 'Publish', {
    bucket: 'releases',
    prefix: 'releases/42/',
    repositoryUrl: 'https://github.com/org/config.git',
    branch: 'main',
    targetDirectory: 'deploy/prod',
    mirror: true,
    commitMessage: 'Release 42',
    authorName: 'Release bot',
    authorEmail: 'bot@example.com',
    tag: 'v42',
    tagMessage: 'v42',
    credentials: { provider: orch.CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secretArn: secret.secretArn },
  });
  expect(typeof commit.attrFilesAdded).toBe('number');
  new CfnOutput(stack, 'FilesAdded', { value: `${commit.attrFilesAdded}` });

  expect(propertiesOf(stack, 'Orch::Git::CommitFromS3')).toEqual({
    Bucket: 'releases',
    Prefix: 'releases/42/',
    RepositoryUrl: 'https://github.com/org/config.git',
    Branch: 'main',
    TargetDirectory: 'deploy/prod',
    Mirror: true,
    CommitMessage: 'Release 42',
    AuthorName: 'Release bot',
    AuthorEmail: 'bot@example.com',
    Tag: 'v42',
    TagMessage: 'v42',
    Credentials: { Provider: 'SecretsManager', SecretArn: stack.resolve(secret.secretArn) },
  });
  expect(outputValue(stack, 'FilesAdded')).toEqual({ 'Fn::GetAtt': ['Publish', 'FilesAdded'] });
});

describe.each(typeFolders().map((t) => [t.schema.typeName as string, t.schema, t] as const))('%s L1 class', (typeName, schema, type) => {
  const className = `Cfn${typeName.split('::').slice(1).join('')}`;
  const L1 = (orch as unknown as Record<string, new (scope: Stack, id: string, props: object) => Record<string, unknown>>)[className];

  test('is exported from the package under a name from the whole type name, with CFN_RESOURCE_TYPE_NAME', () => {
    expect(L1).toBeDefined();
    expect((L1 as unknown as { CFN_RESOURCE_TYPE_NAME: string }).CFN_RESOURCE_TYPE_NAME).toBe(typeName);
  });

  test('is headed as generated, naming its schema and the command that writes it', () => {
    const folder = basename(type.dir);
    const firstLine = readFileSync(join(REPO_ROOT, 'constructs', 'lib', `${folder}.generated.ts`), 'utf8').split('\n')[0];
    expect(firstLine).toBe(`// Generated from resource-types/${folder}/${type.schemaFile} by \`npm run generate\` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.`);
  });

  test('has an attr* token, a GetAtt of that attribute, for every read-only property', () => {
    const stack = newStack();
    const resource = new L1(stack, 'R', {});
    const attributes = (schema.readOnlyProperties as string[]).map((p) => p.replace('/properties/', ''));
    const resolved = Object.fromEntries(attributes.map((name) => [name, stack.resolve(resource[`attr${name}`])]));
    expect(resolved).toEqual(Object.fromEntries(attributes.map((name) => [name, { 'Fn::GetAtt': ['R', name] }])));
  });
});

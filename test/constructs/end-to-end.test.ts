/**
 * End to end: a research stack synthesized from the constructs (the jsii-compiled package) is deployed by playing
 * CloudFormation: its Orch resources go through the types' handlers as they ship (bundled) against moto, the git
 * server and the local Lambda endpoint, in dependency order, each one's properties resolved from what the resources
 * before it returned. The state machine, bucket, function and secret exist first (created here) and come into the
 * stack by name, so the template holds only Orch resources.
 */
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { GitCommitFromS3, LambdaTask, S3FileReader, S3MetadataReader, StepFunctionsTask } from '@cfn-orchestration/constructs';
import { LOCAL_AWS } from '../../local/local-aws';
import { passDefinition, stateMachine } from '../../local/state-machines';
import { GitFixture, startGitFixture } from '../support/git-fixture';
import { commitsOf, filesAt, gitCli } from '../support/git-repos';
import { serveTestFunctions, ServedFunctions } from '../support/local-lambda';
import { bucket, putObject } from '../support/s3-objects';
import { BundledType, bundleTypes, deployTemplate } from '../support/template-deploy';
import { SynthesizedTemplate } from '../support/template-walk';

let git: GitFixture;
let functions: ServedFunctions;
let bundles: { types: Map<string, BundledType>; close(): void };
const notesEvents: unknown[] = [];

beforeAll(async () => {
  // The cfn library logs every invocation, as it would to CloudWatch.
  for (const method of ['log', 'info', 'debug'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
  bundles = await bundleTypes();
  git = await startGitFixture();
  functions = await serveTestFunctions({
    releaseNotes: async (event: { image: string; accuracy: string }) => {
      notesEvents.push(event);
      return { title: `image ${event.image} at accuracy ${event.accuracy}` };
    },
  });
});

afterAll(async () => {
  await functions?.stop();
  await git?.close();
  bundles?.close();
  jest.restoreAllMocks();
});

/** What exists before the stack: data in a bucket, a training state machine, a git repository and its token. */
async function world() {
  const dataBucket = await bucket();
  await putObject(dataBucket, 'configs/v7.json', { image: { tag: 'trainer:1.4' }, epochs: 3 });
  await putObject(dataBucket, 'models/v7/model.bin', 'weights', { ContentType: 'application/octet-stream', Metadata: { stage: 'validated' } });
  await putObject(dataBucket, 'release/serving.yaml', 'model: s3://models/v7\n', { ContentType: 'text/yaml' });
  const training = await stateMachine(
    passDefinition({ model: { key: 'models/v7/model.bin', uri: `s3://${dataBucket}/models/v7/model.bin` }, config: { key: 'configs/v7.json' }, metrics: { accuracy: 0.913 }, release: 'v7' }),
  );
  const repo = await git.repository(dataBucket);
  return { dataBucket, training, repo };
}

function synthesize(w: Awaited<ReturnType<typeof world>>): SynthesizedTemplate {
  const app = new App();
  const stack = new Stack(app, 'Research', { env: { account: LOCAL_AWS.accountId, region: LOCAL_AWS.region } });
  const data = s3.Bucket.fromBucketName(stack, 'Data', w.dataBucket);
  const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Training', w.training);
  const notesFunction = lambda.Function.fromFunctionArn(stack, 'Notes', `arn:aws:lambda:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:function:releaseNotes`);
  const token = secretsmanager.Secret.fromSecretCompleteArn(stack, 'GitToken', git.secretArn);

  const train = new StepFunctionsTask(stack, 'Train', { stateMachine: machine, input: { dataset: data.bucketName } });
  const config = new S3FileReader(stack, 'Config', { bucket: data, key: train.output('config.key') });
  // Nothing the config holds reaches the metadata reader: executeAfter alone orders it (DependsOn).
  const model = new S3MetadataReader(stack, 'Model', { bucket: data, key: train.output('model.key') }).executeAfter(config);
  const notes = new LambdaTask(stack, 'ReleaseNotes', {
    function: notesFunction,
    payload: { image: config.output('image.tag'), accuracy: train.output('metrics.accuracy') },
  });
  const release = new GitCommitFromS3(stack, 'Release', {
    bucket: data,
    prefix: 'release/',
    repositoryUrl: w.repo.props.RepositoryUrl as string,
    secret: token,
    allowInsecureHttp: true,
    branch: 'main',
    targetDirectory: 'models',
    commitMessage: `Release ${notes.output('title')} (${model.metadata('stage')})`,
    tag: train.output('release'),
  });
  new CfnOutput(stack, 'ModelUri', { value: train.output('model.uri') });
  new CfnOutput(stack, 'ReleaseCommit', { value: release.commitSha });
  new CfnOutput(stack, 'ReleaseTag', { value: release.tagSha });
  new CfnOutput(stack, 'ReleaseFiles', { value: `${release.filesAdded} added` });
  return app.synth().getStackByName(stack.stackName).template as SynthesizedTemplate;
}

test('a synthesized stack deploys through the handlers, each resource reading what the ones before it returned', async () => {
  const w = await world();
  const template = synthesize(w);
  expect(new Set(Object.values(template.Resources).map((r) => r.Type))).toEqual(
    new Set(['Orch::StepFunctions::Task', 'Orch::S3::FileReader', 'Orch::S3::MetadataReader', 'Orch::Lambda::Task', 'Orch::Git::CommitFromS3']),
  );
  const idOf = (type: string) => Object.keys(template.Resources).find((id) => template.Resources[id].Type === type)!;
  const [trainId, configId, modelId, notesId, releaseId] = [
    'Orch::StepFunctions::Task',
    'Orch::S3::FileReader',
    'Orch::S3::MetadataReader',
    'Orch::Lambda::Task',
    'Orch::Git::CommitFromS3',
  ].map(idOf);

  const stack = await deployTemplate(template, bundles.types, (typeName) => ({
    delayScale: 0.05,
    ...(typeName === 'Orch::Git::CommitFromS3' && { typeConfiguration: git.typeConfiguration }),
  }));
  const created = (id: string) => stack.resources.get(id)!;

  for (const [id, resource] of stack.resources) expect([id, resource.result.violations]).toEqual([id, []]);
  expect(stack.order.indexOf(trainId)).toBeLessThan(stack.order.indexOf(configId));
  expect(stack.order.indexOf(notesId)).toBeGreaterThan(stack.order.indexOf(configId));
  expect(stack.order[stack.order.length - 1]).toBe(releaseId);
  expect(template.Resources[modelId].DependsOn).toEqual([configId]);
  expect(stack.order.indexOf(modelId)).toBeGreaterThan(stack.order.indexOf(configId));

  // The state machine's output reached the readers through Expose, which output() filled at synth.
  expect(created(trainId).model.Outputs).toEqual({ ConfigKey: 'configs/v7.json', ModelKey: 'models/v7/model.bin', MetricsAccuracy: '0.913', Release: 'v7', ModelUri: `s3://${w.dataBucket}/models/v7/model.bin` });
  expect(created(configId).properties).toMatchObject({ Bucket: w.dataBucket, Key: 'configs/v7.json' });
  expect(Object.values(created(configId).model.Outputs as object)).toEqual(['trainer:1.4']);
  expect(created(modelId).properties).toMatchObject({ Bucket: w.dataBucket, Key: 'models/v7/model.bin' });
  expect(Object.values(created(modelId).model.Outputs as object)).toEqual(['validated']);
  expect(notesEvents).toEqual([{ image: 'trainer:1.4', accuracy: '0.913' }]);
  expect(functions.count('releaseNotes')).toBe(1);

  // One commit, carrying the message built from three resources' values, tagged with the state machine's release name.
  const commits = await commitsOf(w.repo.path, 'main');
  expect(commits).toHaveLength(1);
  expect(commits[0].message.split('\n')[0]).toBe('Release image trainer:1.4 at accuracy 0.913 (validated)');
  expect(await filesAt(w.repo.path, 'main')).toEqual({ 'models/serving.yaml': 'model: s3://models/v7\n' });
  expect((await gitCli(['rev-parse', 'v7^{commit}'], w.repo.path)).trim()).toBe(commits[0].sha);
  expect(created(releaseId).model).toMatchObject({ CommitSha: commits[0].sha, FilesAdded: 1 });

  expect(stack.outputs).toEqual({
    ModelUri: `s3://${w.dataBucket}/models/v7/model.bin`,
    ReleaseCommit: commits[0].sha,
    ReleaseTag: (await gitCli(['rev-parse', 'v7'], w.repo.path)).trim(),
    ReleaseFiles: '1 added',
  });

  const deleted = await stack.destroy();
  expect([...deleted].filter(([, r]) => r.status !== 'SUCCESS')).toEqual([]);
});

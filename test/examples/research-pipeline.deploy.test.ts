/**
 * The research pipeline deployed on the local services (`orch up`'s daemon, in a state directory of the test's own):
 * the dataset is written, training runs on Step Functions, the model card is read back and the release is committed
 * and tagged in the local git server's repository; the consumer imports the shared exports; a new ModelVersion runs
 * only what it changes; a model below MinAccuracy rolls back publishing nothing; the import blocks the pipeline's
 * delete; both stacks delete, the data bucket retained.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { deleteStack, deployStack, EngineOptions, readEvents, StackOperationRefused, StackResult } from '../../local/engine/deploy';
import { createProvisioners, Provisioners } from '../../local/engine/provision';
import { TypeCatalog } from '../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../local/local-aws';
import { gitCli } from '../../local/process';
import { ServicesInfo, startServices, stopServices } from '../../local/services';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'research-pipeline');
const PIPELINE = 'research-pipeline';
const CONSUMER = 'research-consumer';

let stateDir: string;
let services: ServicesInfo;
let provisioners: Provisioners;
let engine: EngineOptions;
let savedEnv: NodeJS.ProcessEnv;
let parameters: Record<string, string>;

const value = (result: StackResult, name: string) => String(result.outputs[name]?.value);
const repository = () => join(stateDir, 'git', 'research.git');
const git = (...args: string[]) => gitCli(args, repository()).then((out) => out.trim());
const client = { region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials };

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'orch-pipeline-'));
  services = await startServices(stateDir);
  savedEnv = { ...process.env };
  // The Orch handlers run in this process and find the local AWS through the standard endpoint variables.
  Object.assign(process.env, services.env);
  const catalog = TypeCatalog.load();
  provisioners = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId });
  engine = { stateDir, catalog, provisioners: provisioners.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId };
  parameters = { GitRepositoryUrl: `${services.gitUrl}/research.git`, GitCredentialsSecretArn: services.gitCredentialsSecretArn, GitServerIsLocal: 'true' };
}, 120_000);

afterAll(async () => {
  await provisioners?.close();
  await stopServices(stateDir);
  process.env = savedEnv;
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the research pipeline on the local services', () => {
  let created: StackResult;

  test('deploys: its outputs hold the metrics and a release commit that is in the repository, tagged', async () => {
    created = await deployStack({ ...engine, stackName: PIPELINE, templateFile: join(EXAMPLE, 'pipeline.yaml'), parameters });
    expect([created.status, created.statusReason]).toEqual(['CREATE_COMPLETE', undefined]);

    const accuracy = Number(value(created, 'Accuracy'));
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
    expect(accuracy).toBeLessThanOrEqual(1);
    expect(Number(value(created, 'F1'))).toBeGreaterThan(0);
    // The model card, written by the state machine and read back by Orch::S3::FileReader, records the same run.
    expect(value(created, 'ModelCardAccuracy')).toBe(value(created, 'Accuracy'));

    const sha = value(created, 'ReleaseCommitSha');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await git('cat-file', '-t', sha)).toBe('commit');
    expect(await git('rev-parse', 'classifier-v1^{commit}')).toBe(sha);
    expect(await git('rev-parse', 'main')).toBe(sha);
    expect((await git('ls-tree', '-r', '--name-only', sha)).split('\n')).toEqual(['models/classifier/metrics.json', 'models/classifier/model-card.json']);
    const card = JSON.parse(await git('show', `${sha}:models/classifier/model-card.json`));
    expect(card).toMatchObject({ model: { name: 'classifier', version: '1', epochs: '10' }, metrics: { accuracy, folds: 3 } });
    expect(await git('log', '-1', '--format=%s', sha)).toBe(`Release classifier v1: holdout accuracy ${value(created, 'Accuracy')}, f1 ${value(created, 'F1')}`);

    // The dataset the Lambda task wrote is where the output says, and the training saw its digest.
    const s3 = new S3Client({ ...client, forcePathStyle: true });
    const dataset = await s3.send(new GetObjectCommand({ Bucket: value(created, 'DataBucketName'), Key: value(created, 'DatasetKey') }));
    expect((await dataset.Body!.transformToString()).trim().split('\n')).toHaveLength(600);
    expect(card.dataset.uri).toBe(value(created, 'DatasetUri'));

    const sfn = new SFNClient(client);
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: created.resources.TrainingStateMachine.physicalId }));
    expect(executions.executions!.map((e) => e.status)).toEqual(['SUCCEEDED']);
  });

  test('a second stack imports the shared exports', async () => {
    const consumer = await deployStack({ ...engine, stackName: CONSUMER, templateFile: join(EXAMPLE, 'consumer.yaml') });
    expect([consumer.status, consumer.statusReason]).toEqual(['CREATE_COMPLETE', undefined]);
    expect(Number(value(consumer, 'DatasetBytes'))).toBeGreaterThan(0);
  });

  test('a new ModelVersion runs only the training and what follows it, and publishes a second tagged release', async () => {
    const updated = await deployStack({ ...engine, stackName: PIPELINE, templateFile: join(EXAMPLE, 'pipeline.yaml'), parameters: { ...parameters, ModelVersion: '2' } });
    expect([updated.status, updated.statusReason]).toEqual(['UPDATE_COMPLETE', undefined]);
    const events = readEvents(stateDir, PIPELINE);
    const start = events.map((e) => e.logicalId === PIPELINE && e.status === 'UPDATE_IN_PROGRESS').lastIndexOf(true);
    const touched = events.slice(start + 1).filter((e) => e.logicalId !== PIPELINE).map((e) => `${e.logicalId} ${e.status}`);
    expect(touched.sort()).toEqual(
      ['ModelCard UPDATE_COMPLETE', 'ModelCard UPDATE_IN_PROGRESS', 'Release UPDATE_COMPLETE', 'Release UPDATE_IN_PROGRESS', 'Train UPDATE_COMPLETE', 'Train UPDATE_IN_PROGRESS'],
    );
    for (const id of ['DataBucket', 'Dataset', 'DatasetFunction', 'TrainingStateMachine', 'JobStatusTopic', 'JobStatusTopicPolicy', 'JobStatusRule']) {
      expect(updated.resources[id].physicalId).toBe(created.resources[id].physicalId);
    }
    expect(updated.resources.Train.attributes.ExecutionArn).not.toBe(created.resources.Train.attributes.ExecutionArn);

    const sha = value(updated, 'ReleaseCommitSha');
    expect(sha).not.toBe(value(created, 'ReleaseCommitSha'));
    expect(await git('rev-parse', 'classifier-v2^{commit}')).toBe(sha);
    expect(await git('rev-parse', `${sha}^`)).toBe(value(created, 'ReleaseCommitSha'));
    expect(JSON.parse(await git('show', `${sha}:models/classifier/model-card.json`)).model.version).toBe('2');
  });

  test('the pipeline cannot be deleted while the consumer imports its exports', async () => {
    await expect(deleteStack({ ...engine, stackName: PIPELINE })).rejects.toThrow(StackOperationRefused);
    await expect(deleteStack({ ...engine, stackName: PIPELINE })).rejects.toThrow(/research-pipeline-DataBucketName is in use by stack research-consumer/);
  });

  test('a model below MinAccuracy fails the training, rolls the stack back and publishes nothing', async () => {
    const gated = await deployStack({
      ...engine,
      stackName: 'research-gated',
      templateFile: join(EXAMPLE, 'pipeline.yaml'),
      parameters: { ...parameters, GitRepositoryUrl: `${services.gitUrl}/research-gated.git`, MinAccuracy: '0.99' },
    });
    expect(gated.status).toBe('ROLLBACK_COMPLETE');
    expect(gated.statusReason).toMatch(/TrainingFailed/);
    const failed = readEvents(stateDir, 'research-gated').filter((e) => e.status === 'CREATE_FAILED').map((e) => e.logicalId);
    expect(failed).toEqual(['Train']);
    // Release never started: the repository was never even created on the server.
    expect(readEvents(stateDir, 'research-gated').some((e) => e.logicalId === 'Release')).toBe(false);
    await expect(gitCli(['rev-parse', 'HEAD'], join(stateDir, 'git', 'research-gated.git'))).rejects.toThrow();
  });

  test('both delete, the consumer first; the data bucket is retained', async () => {
    expect((await deleteStack({ ...engine, stackName: CONSUMER })).status).toBe('DELETE_COMPLETE');
    expect((await deleteStack({ ...engine, stackName: PIPELINE })).status).toBe('DELETE_COMPLETE');
    const skipped = readEvents(stateDir, PIPELINE).filter((e) => e.status === 'DELETE_SKIPPED').map((e) => e.logicalId);
    expect(skipped).toEqual(['DataBucket']);
    await expect(new S3Client({ ...client, forcePathStyle: true }).send(new HeadBucketCommand({ Bucket: value(created, 'DataBucketName') }))).resolves.toBeDefined();
  });
});

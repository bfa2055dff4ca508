/**
 * The demo's last step, the GitOps hand-off: the trained model's release files are written to S3, and
 * Orch::Git::CommitFromS3 commits them, with a tag, to a repository on a loopback git server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { OperationResult, RecordedInvocation } from './protocol';
import { startGitServer } from './git-server';
import { LOCAL_AWS } from './local-aws';
import { gitCli, initBareRepo } from './process';

export interface PublishStep {
  readonly say: (line?: string) => void;
  readonly printInvocation: (i: RecordedInvocation) => void;
  readonly printResult: (title: string, result: OperationResult, keys?: string[]) => void;
}

export async function publishRelease(model: { uri: string; accuracy: string }, ui: PublishStep): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'orch-demo-git-'));
  const repo = await initBareRepo(root, 'deployments');
  const token = randomUUID();
  const server = await startGitServer({ root, username: 'x-access-token', password: token });
  try {
    const { CfnDriver } = await import('./protocol');
    const { entrypoint } = await import('../resource-types/git-commit-from-s3/src/handlers');
    const { PRIMARY_IDENTIFIER, TYPE_NAME } = await import('../resource-types/git-commit-from-s3/src/models');
    const s3 = new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
    const bucket = `orch-demo-${randomUUID().slice(0, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'releases/v7/model.json', Body: JSON.stringify({ uri: model.uri, accuracy: Number(model.accuracy) }, null, 2) }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'releases/v7/serving.yaml', Body: `model: ${model.uri}\nreplicas: 2\n` }));
    const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: 'demo/git-token', SecretString: JSON.stringify({ token }) }));

    const properties = {
      Bucket: bucket,
      Prefix: 'releases/v7',
      RepositoryUrl: `${server.url}/deployments.git`,
      AllowInsecureHttp: true, // a loopback test server; real repositories are https
      TargetDirectory: 'apps/classifier',
      Mirror: true,
      CommitMessage: 'Release classifier v7',
      Tag: 'classifier-v7',
      Credentials: { Provider: 'SecretsManager', SecretArn: ARN },
    };
    ui.say(`Template resource:\n  Publish:\n    Type: ${TYPE_NAME}\n    Properties: ${JSON.stringify({ ...properties, RepositoryUrl: '<local git server>/deployments.git' })}\n`);
    // The admin's type configuration: without it the type pushes nowhere.
    const typeConfiguration = { AllowedRepositoryUrls: [`${server.url}/*`] };
    ui.say(`Type configuration (aws cloudformation set-type-configuration): ${JSON.stringify({ AllowedRepositoryUrls: ['<local git server>/*'] })}\n`);
    const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration, onInvocation: ui.printInvocation });
    const published = await driver.create('Publish', properties);
    ui.printResult('CREATE', published, ['Id', 'CommitSha', 'TagSha', 'FilesAdded', 'FilesChanged', 'FilesRemoved']);
    const again = await driver.update('Publish', published.model!, properties, { ...properties, RunToken: 'again' });
    ui.printResult('UPDATE (RunToken changed, same files: no new commit)', again, ['CommitSha', 'FilesAdded', 'FilesChanged', 'FilesRemoved']);
    ui.say('The repository now holds:');
    const log = await gitCli(['log', '--stat', '--format=%h %s%n%b', 'classifier-v7'], repo);
    ui.say(log.trimEnd().replace(/^/gm, '    '));
    ui.say();
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

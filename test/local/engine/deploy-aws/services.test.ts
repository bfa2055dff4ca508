import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteStack, deployStack, EngineOptions } from '../../../../local/engine/deploy';
import { createProvisioners, Provisioners } from '../../../../local/engine/provision';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { ServicesInfo, startServices, stopServices } from '../../../../local/services';
import { TEMPLATES } from './support';

// `orch up`'s services for this file alone: their Lambda endpoint is the one that runs inline code from the state directory.
const stateDir = mkdtempSync(join(tmpdir(), 'orch-deploy-services-'));
const savedEnv = { ...process.env };
let prov: Provisioners;
let engine: EngineOptions;
let info: ServicesInfo;
beforeAll(async () => {
  info = await startServices(stateDir);
  Object.assign(process.env, info.env);
  const catalog = TypeCatalog.load();
  prov = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId });
  engine = { stateDir, catalog, provisioners: prov.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId };
}, 180_000);
afterAll(async () => {
  await prov?.close();
  await stopServices(stateDir);
  process.env = savedEnv;
  rmSync(stateDir, { recursive: true, force: true });
});

test("an inline function written by the engine runs in the services daemon for an Orch::Lambda::Task, with its environment; an update serves the new one; delete removes its folder", async () => {
  const stackName = 'inline';
  const templateFile = join(TEMPLATES, 'inline-function.yaml');
  const created = await deployStack({ ...engine, stackName, templateFile });
  expect(created.status).toBe('CREATE_COMPLETE');
  expect(created.outputs.Score.value).toBe('6');
  const name = created.resources.Score.physicalId;
  const folder = join(stateDir, 'functions', name);
  expect(JSON.parse(readFileSync(join(folder, 'function.json'), 'utf8'))).toEqual({ module: 'score', exportName: 'handler', timeoutSeconds: 3, environment: { FACTOR: '3' } });

  // The function's environment changes (an update in place) and the task's payload with it, so the task runs again.
  const updated = await deployStack({ ...engine, stackName, templateFile, parameters: { Factor: '4', X: '5' } });
  expect(updated.status).toBe('UPDATE_COMPLETE');
  expect(updated.outputs.Score.value).toBe('20');

  const deleted = await deleteStack({ ...engine, stackName });
  expect(deleted.status).toBe('DELETE_COMPLETE');
  expect(existsSync(folder)).toBe(false);
});

test("a git release goes to the services' git server, allowed by the type configuration orch up wrote, with its credentials secret", async () => {
  const s3 = new S3Client({ region: LOCAL_AWS.region, forcePathStyle: true });
  const bucket = 'release-source';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'release/MODEL_CARD.md', Body: '# Model card\naccuracy: 0.91\n' }));
  const parameters = { SourceBucket: bucket, RepositoryUrl: `${info.gitUrl}/models.git`, CredentialsArn: info.gitCredentialsSecretArn };
  const result = await deployStack({ ...engine, stackName: 'release', templateFile: join(TEMPLATES, 'git-release.yaml'), parameters });
  expect(result.status).toBe('CREATE_COMPLETE');
  const sha = String(result.outputs.CommitSha.value);
  expect(sha).toMatch(/^[0-9a-f]{40}$/);
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', join(stateDir, 'git', 'models.git'), ...args], { encoding: 'utf8' }).trim();
  expect(git('rev-parse', 'v1^{commit}')).toBe(sha);
  expect(git('show', `${sha}:MODEL_CARD.md`)).toBe('# Model card\naccuracy: 0.91');
  s3.destroy();
});

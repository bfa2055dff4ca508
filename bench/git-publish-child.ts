/**
 * One measured publication, in its own process so that its peak memory is its own (see git-publish.ts):
 *
 *   ours  the production handler's CREATE through CfnDriver: list and read S3, fetch, commit, push, records
 *   cli   the same with the git CLI: read S3 with the SDK into a depth-1 single-branch clone, add, commit, push
 *   s3    the S3 part alone (the handler's listing and reads, 8 at a time), which both of the above include
 *
 * Prints one JSON line: {"ms": wall time of the work}. Module loading is outside the timed part for both.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { CfnDriver } from '../local/protocol';
import { LOCAL_AWS } from '../local/local-aws';
import { gitCli } from '../local/process';
import { listSource, readSourceFile } from '../resource-types/git-commit-from-s3/src/source-files';
import { entrypoint } from '../resource-types/git-commit-from-s3/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../resource-types/git-commit-from-s3/src/models';

export interface PublishCase {
  readonly bucket: string;
  readonly prefix: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly secretArn: string;
  readonly branch: string;
  readonly targetDirectory: string;
}

async function ours(c: PublishCase): Promise<void> {
  console.log = () => undefined; // the cfn library logs every invocation
  const typeConfiguration = { AllowedRepositoryUrls: [`${new URL(c.url).origin}/*`] };
  const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, typeConfiguration });
  const result = await driver.create('Bench', {
    Bucket: c.bucket,
    Prefix: c.prefix,
    RepositoryUrl: c.url,
    AllowInsecureHttp: true,
    Branch: c.branch,
    TargetDirectory: c.targetDirectory,
    Mirror: true,
    CommitMessage: 'bench publication',
    Credentials: { Provider: 'SecretsManager', SecretArn: c.secretArn },
  });
  if (result.status !== 'SUCCESS') throw new Error(`${result.errorCode}: ${result.message}`);
  process.stderr.write(`invocations: ${result.invocations.length}\n`);
}

/** Every object under the prefix, read with the handler's own listing and reads, 8 at a time, handed to `write`. */
async function readPrefix(c: PublishCase, write: (path: string, body: Uint8Array) => void): Promise<void> {
  const s3 = new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  const queue = await listSource(s3, c.bucket, c.prefix);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) write(file.path, await readSourceFile(s3, c.bucket, file));
    }),
  );
}

async function cli(c: PublishCase): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orch-bench-cli-'));
  const header = `http.extraHeader=Authorization: Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const git = (args: string[], cwd = join(work, 'repo')) => gitCli(['-c', header, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], cwd);
  try {
    await git(['clone', '-q', '--depth', '1', '--single-branch', '--branch', c.branch, c.url, 'repo'], work);
    const target = join(work, 'repo', c.targetDirectory);
    rmSync(target, { recursive: true, force: true }); // mirror, as the handler's run does
    await readPrefix(c, (file, body) => {
      const path = join(target, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body);
    });
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', 'bench publication']);
    await git(['push', '-q', 'origin', `HEAD:refs/heads/${c.branch}`]);
    if (readdirSync(target).length === 0) throw new Error('nothing was written');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const [mode, json] = process.argv.slice(2);
  const c = JSON.parse(json) as PublishCase;
  const started = performance.now();
  if (mode === 'ours') await ours(c);
  else if (mode === 'cli') await cli(c);
  else await readPrefix(c, () => undefined);
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

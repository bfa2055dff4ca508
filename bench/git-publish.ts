/**
 * Publishing an S3 prefix to git: the handler (isomorphic-git) against the git CLI doing the same job, on the same
 * prefix, the same starting repository and the same local smart-HTTP server, in the same run.
 *
 *   npx tsx bench/git-publish.ts [--files 1000] [--kib 50] [--runs 3]    prints the report, writes .bench/git-publish.json
 *
 * The prefix holds `files` objects of `kib` KiB: half random bytes (model weights), half base64 text (configs,
 * which compress). The repository has history: 200 commits, 700 files (18 MiB) of which 600 sit in the target
 * directory, so the publication changes some files, adds others and (mirroring) removes the rest.
 * Each run is a fresh process (ours: the production CREATE through CfnDriver; cli: clone --depth 1, write, add,
 * commit, push; and s3: the S3 reads alone, which both include), started through a small Python wrapper that reports the largest resident set of the process
 * tree (getrusage RUSAGE_CHILDREN), git's own processes included. Both runs end with the same tree, checked.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startGitServer } from '../local/git-server';
import { LOCAL_AWS, startLocalAws } from '../local/local-aws';
import { REPO_ROOT } from '../local/python-env';
import type { PublishCase } from './git-publish-child';
import { median } from './heap-peak';

const OUT_FILE = join(REPO_ROOT, '.bench', 'git-publish.json');
const TARGETS = { timeRatio: 3, peakMiB: 512 };

interface Run {
  readonly mode: 'ours' | 'cli' | 's3';
  readonly ms: number;
  readonly peakMiB: number;
  readonly tree: string;
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** A history of `commits` commits through git fast-import, written straight into a bare repository. */
function seedRepository(path: string, commits: number): void {
  execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', path]);
  const parts: Buffer[] = [];
  const blob = (data: Buffer) => parts.push(Buffer.from(`data ${data.length}\n`), data, Buffer.from('\n'));
  for (let c = 0; c < commits; c++) {
    const message = Buffer.from(`history ${c}`);
    parts.push(Buffer.from(`commit refs/heads/main\ncommitter seed <seed@example.com> ${1_700_000_000 + c * 3600} +0000\n`));
    blob(message);
    const files: Array<[string, Buffer]> = [];
    if (c === 0) {
      for (let i = 0; i < 600; i++) files.push([`models/part-${String(i).padStart(4, '0')}.bin`, randomBytes(24 * 1024)]);
      for (let i = 0; i < 100; i++) files.push([`other/file-${i}.txt`, Buffer.from(randomBytes(9 * 1024).toString('base64'))]);
    } else {
      files.push([`other/file-${c % 100}.txt`, Buffer.from(`revision ${c}\n`)]);
    }
    for (const [name, data] of files) {
      parts.push(Buffer.from(`M 100644 inline ${name}\n`));
      blob(data);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: path, input: Buffer.concat(parts), maxBuffer: 1 << 30 });
}

/** The prefix: half random bytes, half base64 text; 40% of the paths replace files the repository has. */
async function putPrefix(s3: S3Client, bucket: string, prefix: string, files: number, kib: number): Promise<number> {
  let bytes = 0;
  const queue = Array.from({ length: files }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const body = i % 2 === 0 ? randomBytes(kib * 1024) : Buffer.from(randomBytes((kib * 1024 * 3) / 4).toString('base64'));
        const name = i < files * 0.4 ? `part-${String(i).padStart(4, '0')}.bin` : `new/file-${i}.dat`;
        bytes += body.length;
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${name}`, Body: body }));
      }
    }),
  );
  return bytes;
}

/** The child, under a Python wrapper that prints the peak resident set of the whole process tree in KiB. */
function measure(mode: Run['mode'], c: PublishCase, env: Record<string, string>): Promise<{ ms: number; peakMiB: number }> {
  const wrapper = 'import resource,subprocess,sys\nr=subprocess.run(sys.argv[1:])\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)';
  const child = spawn('python3', ['-c', wrapper, process.execPath, '--import', 'tsx', join(__dirname, 'git-publish-child.ts'), mode, JSON.stringify(c)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${mode} run failed: ${err.trim()}`));
      const lines = out.trim().split('\n');
      resolve({ ms: JSON.parse(lines[0]).ms, peakMiB: Number(lines[1]) / 1024 });
    }),
  );
}

export async function gitPublishReport(options: { log?: (line: string) => void } = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  const files = arg('files', 1000);
  const kib = arg('kib', 50);
  const runs = arg('runs', 3);
  const aws = await startLocalAws({ log });
  Object.assign(process.env, aws.env);
  const root = mkdtempSync(join(tmpdir(), 'orch-bench-git-'));
  const password = randomUUID();
  const server = await startGitServer({ root, username: 'bench', password });
  try {
    const s3 = new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
    const bucket = `orch-bench-${randomUUID().slice(0, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    log(`putting ${files} objects of ${kib} KiB to S3`);
    const bytes = await putPrefix(s3, bucket, 'pub/', files, kib);
    const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
    const secretArn = (await secrets.send(new CreateSecretCommand({ Name: `orch/bench/${randomUUID()}`, SecretString: JSON.stringify({ username: 'bench', password }) }))).ARN!;
    log('seeding a repository with 200 commits');
    const seed = join(root, 'seed.git');
    seedRepository(seed, 200);

    const results: Run[] = [];
    for (let r = 0; r < runs; r++) {
      for (const mode of ['s3', 'cli', 'ours'] as const) {
        const name = `${mode}-${r}`;
        cpSync(seed, join(root, `${name}.git`), { recursive: true });
        const c: PublishCase = { bucket, prefix: 'pub/', url: `${server.url}/${name}.git`, username: 'bench', password, secretArn, branch: 'main', targetDirectory: 'models' };
        const { ms, peakMiB } = await measure(mode, c, aws.env);
        const tree = mode === 's3' ? '' : execFileSync('git', ['rev-parse', 'main^{tree}'], { cwd: join(root, `${name}.git`) }).toString().trim();
        results.push({ mode, ms, peakMiB, tree });
        log(`${name}: ${(ms / 1000).toFixed(2)} s, peak ${peakMiB.toFixed(0)} MiB`);
      }
    }
    const of = (mode: Run['mode']) => results.filter((x) => x.mode === mode);
    const sameTree = new Set(results.filter((x) => x.mode !== 's3').map((x) => x.tree)).size === 1;
    const s3ms = median(of('s3').map((x) => x.ms));
    const ours = { ms: median(of('ours').map((x) => x.ms)), peakMiB: Math.max(...of('ours').map((x) => x.peakMiB)) };
    const cli = { ms: median(of('cli').map((x) => x.ms)), peakMiB: Math.max(...of('cli').map((x) => x.peakMiB)) };
    const timeRatio = ours.ms / cli.ms;
    const pass = { time: timeRatio <= TARGETS.timeRatio, memory: ours.peakMiB < TARGETS.peakMiB, tree: sameTree };
    const text = [
      `Git publication: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB from S3 into a repository with 200 commits (mirror into models/), ${runs} runs each`,
      '',
      '| | Wall time (median) | Peak RSS (max, process tree) |',
      '| --- | --- | --- |',
      `| ours: the CREATE handler (isomorphic-git) | ${(ours.ms / 1000).toFixed(2)} s | ${ours.peakMiB.toFixed(0)} MiB |`,
      `| git CLI: clone --depth 1, write, add, commit, push | ${(cli.ms / 1000).toFixed(2)} s | ${cli.peakMiB.toFixed(0)} MiB |`,
      `| S3 alone: list, read 8 at a time (part of both rows above) | ${(s3ms / 1000).toFixed(2)} s | ${Math.max(...of('s3').map((x) => x.peakMiB)).toFixed(0)} MiB |`,
      `| ratio | ${timeRatio.toFixed(2)}x; without the S3 part ${((ours.ms - s3ms) / (cli.ms - s3ms)).toFixed(2)}x (target <= ${TARGETS.timeRatio}x: ${pass.time ? 'PASS' : 'FAIL'}) | ${(ours.peakMiB / cli.peakMiB).toFixed(2)}x (target < ${TARGETS.peakMiB} MiB: ${pass.memory ? 'PASS' : 'FAIL'}) |`,
      '',
      `Both runs end with the same tree: ${sameTree ? 'yes' : 'NO'} (${results.find((x) => x.tree)?.tree.slice(0, 12)}). Runs: ${results.filter((x) => x.mode !== 's3').map((x) => `${x.mode} ${(x.ms / 1000).toFixed(2)} s/${x.peakMiB.toFixed(0)} MiB`).join(', ')}`,
    ].join('\n');
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    writeFileSync(OUT_FILE, `${JSON.stringify({ generatedAt: new Date().toISOString(), files, kib, bytes, runs: results, ours, cli, s3ms, timeRatio, pass, text }, null, 2)}\n`);
    return `${text}\nJSON: ${relative(REPO_ROOT, OUT_FILE)}`;
  } finally {
    await server.close();
    await aws.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  gitPublishReport({ log: (line) => process.stderr.write(`[bench] ${line}\n`) })
    .then((text) => process.stdout.write(`${text}\n`))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}

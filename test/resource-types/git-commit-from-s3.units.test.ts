import { execFileSync } from 'node:child_process';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { blobId } from '../../resource-types/git-commit-from-s3/src/stage';
import { mapGitError } from '../../resource-types/git-commit-from-s3/src/git-errors';
import { repositoryLocation } from '../../resource-types/git-commit-from-s3/src/repository-url';
import { parseTrailers, runTrailers } from '../../resource-types/git-commit-from-s3/src/run-trailer';
import { checkPath, folderPrefix, listSource } from '../../resource-types/git-commit-from-s3/src/source-files';
import { replaceDirectory, Repo } from '../../resource-types/git-commit-from-s3/src/tree-edit';
import { targetDirectory } from '../../resource-types/git-commit-from-s3/src/publish-task';
import { bucket, putObject, s3 } from '../support/s3-objects';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return `${(err as { errorCode?: string }).errorCode}: ${(err as Error).message}`;
  }
  return 'no error';
};

describe('repositoryLocation', () => {
  test.each([
    ['https://github.com/org/repo.git', false, 'no error'],
    ['http://127.0.0.1:8080/r.git', true, 'no error'],
    ['http://[::1]:8080/r.git', true, 'no error'],
    ['http://localhost/r.git', true, 'no error'],
    ['http://127.0.0.1:8080/r.git', false, 'InvalidRequest: RepositoryUrl: \'http://127.0.0.1:8080/r.git\' uses plain http'],
    ['http://10.0.0.8/r.git', true, 'InvalidRequest: RepositoryUrl: AllowInsecureHttp applies to loopback test servers only'],
    ['http://127.0.0.1.evil.com/r.git', true, 'InvalidRequest: RepositoryUrl: AllowInsecureHttp applies to loopback test servers only'],
    ['https://user:tok@github.com/org/repo.git', false, 'InvalidRequest: RepositoryUrl: the URL carries credentials'],
    ['ssh://github.com/org/repo.git', false, "InvalidRequest: RepositoryUrl: 'ssh://github.com/org/repo.git' uses ssh:"],
    ['not a url', false, "InvalidRequest: RepositoryUrl: 'not a url' is not a URL"],
  ])('%s (AllowInsecureHttp %s)', (url, allow, expected) => {
    expect(codeOf(() => repositoryLocation(url, allow))).toContain(expected);
  });

  test('a URL with credentials is refused without repeating them', () => {
    expect(codeOf(() => repositoryLocation('https://user:hunter2@github.com/r.git', false))).not.toContain('hunter2');
  });
});

describe('paths', () => {
  test.each([
    ['a/b.txt', 'no error'],
    ['.github/workflows/x.yml', 'no error'],
    ['a/../b', "segment ('..')"],
    ['./a', "segment ('.')"],
    ['a//b', "segment ('')"],
    ['.git/config', "segment ('.git')"],
    ['x/.GIT/hooks', "segment ('.GIT')"],
  ])('checkPath(%s)', (path, expected) => {
    expect(codeOf(() => checkPath(path, 'Prefix'))).toContain(expected);
  });

  test('a prefix is a folder, and the target directory loses its slashes', () => {
    expect([folderPrefix(undefined), folderPrefix(''), folderPrefix('a/b'), folderPrefix('a/b/')]).toEqual(['', '', 'a/b/', 'a/b/']);
    expect(targetDirectory({ TargetDirectory: '/deploy/prod/' })).toBe('deploy/prod');
    expect(targetDirectory({})).toBe('');
    expect(codeOf(() => targetDirectory({ TargetDirectory: 'deploy/../../etc' }))).toContain('InvalidRequest: TargetDirectory');
  });
});

describe('listSource', () => {
  test('skips folder markers, maps keys below the prefix to paths, and refuses a prefix over the limits', async () => {
    const b = await bucket();
    await putObject(b, 'out/', '');
    await putObject(b, 'out/a.txt', 'aaaa');
    await putObject(b, 'out/sub/b.txt', 'bb');
    await putObject(b, 'outside.txt', 'x');
    const files = await listSource(s3(), b, 'out/');
    expect(files.map((f) => [f.path, f.size])).toEqual([['a.txt', 4], ['sub/b.txt', 2]]);

    await expect(listSource(s3(), b, 'out/', { files: 1, bytes: 1000 })).rejects.toMatchObject({ errorCode: 'InvalidRequest', message: expect.stringContaining('more than 1 files') });
    await expect(listSource(s3(), b, 'out/', { files: 10, bytes: 5 })).rejects.toMatchObject({ errorCode: 'InvalidRequest' });
  });

  test("a key whose path git cannot hold is InvalidRequest naming the key", async () => {
    const b = await bucket();
    await putObject(b, 'out/.git/config', 'x');
    await expect(listSource(s3(), b, 'out/')).rejects.toMatchObject({ errorCode: 'InvalidRequest', message: expect.stringContaining("object 'out/.git/config'") });
  });
});

describe('trailers', () => {
  test('what runTrailers writes, parseTrailers reads back', () => {
    const message = `Publish\n\nbody\n\n${runTrailers('Publish-0123456789abcdef01234567', { added: 3, changed: 2, removed: 1 })}\n`;
    expect(parseTrailers(message)).toEqual({ run: 'Publish-0123456789abcdef01234567', added: 3, changed: 2, removed: 1 });
    expect(parseTrailers('a commit by someone else\n')).toEqual({ run: undefined, added: 0, changed: 0, removed: 0 });
  });
});

describe('mapGitError', () => {
  const http = (statusCode: number) => Object.assign(new Error(`HTTP Error: ${statusCode}`), { code: 'HttpError', data: { statusCode, response: 'Authorization: Basic c2VjcmV0' } });
  test.each([
    [http(401), 'InvalidCredentials', 'Credentials:'],
    [http(403), 'AccessDenied', 'Credentials:'],
    [http(404), 'NotFound', 'RepositoryUrl:'],
    [http(429), 'Throttling', 'RepositoryUrl:'],
    [http(502), 'ServiceInternalError', 'HTTP 502'],
    [http(418), 'GeneralServiceException', 'HTTP 418'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'NetworkFailure', 'could not be reached'],
    [Object.assign(new Error('bad'), { code: 'SmartHttpError' }), 'InvalidRequest', 'smart-HTTP'],
    [Object.assign(new Error('hook declined'), { code: 'GitPushError' }), 'GeneralServiceException', 'refused the push'],
    [new Error('something\n    at stack'), 'InternalFailure', 'something'],
  ])('%s', (err, code, says) => {
    const mapped = mapGitError(err, 'https://git.example.com/r.git');
    expect(mapped.errorCode).toBe(code);
    expect(mapped.message).toContain(says);
    expect(mapped.message).not.toMatch(/\n|c2VjcmV0/); // one line, and the server's text is never quoted
  });
});

describe('replaceDirectory', () => {
  let gitdir: string;
  let repo: Repo;
  const blob = (text: string) => git.writeBlob({ fs, gitdir, blob: Buffer.from(text) });
  const files = async (tree: string) => {
    const out: Record<string, string> = {};
    for (const line of execFileSync('git', ['ls-tree', '-r', tree], { cwd: gitdir }).toString().trim().split('\n').filter(Boolean)) {
      const [meta, path] = line.split('\t');
      out[path] = execFileSync('git', ['cat-file', 'blob', meta.split(' ')[2]], { cwd: gitdir }).toString();
    }
    return out;
  };
  const treeOf = async (layout: Record<string, string>) => (await replaceDirectory(repo, undefined, '', new Map(await Promise.all(Object.entries(layout).map(async ([p, t]) => [p, await blob(t)] as [string, string]))), true)).tree;

  beforeEach(async () => {
    gitdir = mkdtempSync(join(tmpdir(), 'orch-tree-'));
    await git.init({ fs, gitdir, bare: true });
    repo = { gitdir, cache: {} };
  });
  afterEach(() => rmSync(gitdir, { recursive: true, force: true }));

  test('writes into a new directory of an empty repository and counts every file as added', async () => {
    const change = await replaceDirectory(repo, undefined, 'deploy/prod', new Map([['a.txt', await blob('a')], ['x/y.txt', await blob('y')]]), false);
    expect(change).toMatchObject({ added: 2, changed: 0, removed: 0 });
    expect(await files(change.tree)).toEqual({ 'deploy/prod/a.txt': 'a', 'deploy/prod/x/y.txt': 'y' });
  });

  test('keeps other directories and, without mirror, files of the target absent from the prefix', async () => {
    const root = await treeOf({ 'README.md': 'r', 'deploy/prod/a.txt': 'old', 'deploy/prod/keep.txt': 'k', 'deploy/dev/a.txt': 'dev' });
    const change = await replaceDirectory(repo, root, 'deploy/prod', new Map([['a.txt', await blob('new')], ['b.txt', await blob('b')]]), false);
    expect(change).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(await files(change.tree)).toEqual({ 'README.md': 'r', 'deploy/prod/a.txt': 'new', 'deploy/prod/b.txt': 'b', 'deploy/prod/keep.txt': 'k', 'deploy/dev/a.txt': 'dev' });
  });

  test('mirror removes what the prefix lacks; the same content again changes nothing and keeps the tree', async () => {
    const root = await treeOf({ 'deploy/a.txt': 'a', 'deploy/gone.txt': 'g', 'other.txt': 'o' });
    const staged = new Map([['a.txt', await blob('a')]]);
    const change = await replaceDirectory(repo, root, 'deploy', staged, true);
    expect(change).toMatchObject({ added: 0, changed: 0, removed: 1 });
    expect(await files(change.tree)).toEqual({ 'deploy/a.txt': 'a', 'other.txt': 'o' });
    expect(await replaceDirectory(repo, change.tree, 'deploy', staged, true)).toEqual({ tree: change.tree, added: 0, changed: 0, removed: 0 });
  });

  test('a staged file replaces a folder in its way, and a staged folder replaces a file in its way', async () => {
    const root = await treeOf({ 'd/config': 'was a file', 'd/model/weights.bin': 'w', 'd/model/extra.bin': 'e' });
    const change = await replaceDirectory(repo, root, 'd', new Map([['config/app.yaml', await blob('c')], ['model', await blob('now a file')]]), false);
    expect(await files(change.tree)).toEqual({ 'd/config/app.yaml': 'c', 'd/model': 'now a file' });
    expect(change).toMatchObject({ added: 2, removed: 3 });
  });

  test("blobId is git's own object id", async () => {
    const content = Buffer.from('hello\n');
    expect(blobId(content)).toBe(await git.writeBlob({ fs, gitdir, blob: content }));
    expect(blobId(content)).toBe(execFileSync('git', ['hash-object', '--stdin'], { input: content }).toString().trim());
  });
});

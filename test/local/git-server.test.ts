import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitServer, startGitServer } from '../../local/git-server';

/** The git CLI, run asynchronously (a synchronous call would block the server in this same process). */
function git(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('local git smart-HTTP server', () => {
  let root: string;
  let work: string;
  let server: GitServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'orch-git-root-'));
    work = mkdtempSync(join(tmpdir(), 'orch-git-work-'));
    expect((await git(['init', '--bare', '--initial-branch=main', 'models.git'], root)).code).toBe(0);
    server = await startGitServer({ root, username: 'publisher', password: 's3cret-token' });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  test('an authenticated client pushes, and a fresh clone sees the commit', async () => {
    const authed = server.url.replace('http://', 'http://publisher:s3cret-token@');
    expect((await git(['clone', `${authed}/models.git`, 'a'], work)).code).toBe(0);
    writeFileSync(join(work, 'a', 'model.json'), '{"v":1}\n');
    expect((await git(['add', '.'], join(work, 'a'))).code).toBe(0);
    expect((await git(['commit', '-m', 'first'], join(work, 'a'))).code).toBe(0);
    const push = await git(['push', 'origin', 'HEAD:main'], join(work, 'a'));
    expect(push).toMatchObject({ code: 0 });

    expect((await git(['clone', '--branch', 'main', `${authed}/models.git`, 'b'], work)).code).toBe(0);
    expect(readFileSync(join(work, 'b', 'model.json'), 'utf8')).toBe('{"v":1}\n');
    expect(server.requests.some((r) => r.path.endsWith('/git-receive-pack') && r.status === 200)).toBe(true);
  });

  test('wrong credentials are refused with 401, and nothing is served to them', async () => {
    const wrong = server.url.replace('http://', 'http://publisher:wrong@');
    const before = server.requests.length;
    const clone = await git(['clone', `${wrong}/models.git`, 'c'], work);
    expect(clone.code).not.toBe(0);
    expect(clone.output).toMatch(/Authentication failed|401/);
    const answered = server.requests.slice(before);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((r) => r.status !== 401)).toEqual([]);
  });
});

describe('local git smart-HTTP server with isomorphic-git', () => {
  test('isomorphic-git clones, commits and pushes; wrong credentials end in UserCanceledError', async () => {
    const git = await import('isomorphic-git');
    const http = (await import('isomorphic-git/http/node')).default;
    const fs = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'orch-igit-root-'));
    const dir = mkdtempSync(join(tmpdir(), 'orch-igit-work-'));
    const bare = await new Promise<number>((resolve) => spawn('git', ['init', '--bare', '--initial-branch=main', 'r.git'], { cwd: root }).on('close', resolve));
    expect(bare).toBe(0);
    const server = await startGitServer({ root, username: 'u', password: 'p' });
    try {
      const url = `${server.url}/r.git`;
      await git.init({ fs, dir, defaultBranch: 'main' });
      writeFileSync(join(dir, 'a.txt'), 'hello\n');
      await git.add({ fs, dir, filepath: 'a.txt' });
      const sha = await git.commit({ fs, dir, message: 'first', author: { name: 'orch', email: 'orch@example.com' } });
      await git.addRemote({ fs, dir, remote: 'origin', url });
      const pushed = await git.push({ fs, http, dir, remote: 'origin', ref: 'main', onAuth: () => ({ username: 'u', password: 'p' }) });
      expect(pushed.ok).toBe(true);
      const refs = await git.listServerRefs({ http, url, onAuth: () => ({ username: 'u', password: 'p' }) });
      expect(refs.find((r) => r.ref === 'refs/heads/main')?.oid).toBe(sha);

      await expect(
        git.listServerRefs({ http, url, onAuth: () => ({ username: 'u', password: 'nope' }), onAuthFailure: () => ({ cancel: true }) }),
      ).rejects.toMatchObject({ code: 'UserCanceledError' });
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

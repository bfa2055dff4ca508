import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitCli as runGit } from '../../local/process';

const IDENTITY = { GIT_AUTHOR_NAME: 'other', GIT_AUTHOR_EMAIL: 'other@example.com', GIT_COMMITTER_NAME: 'other', GIT_COMMITTER_EMAIL: 'other@example.com' };

/** The git CLI as another writer: these helpers work on the bare repositories' folders, never through the server. */
export const gitCli = (args: string[], cwd: string): Promise<string> => runGit(args, cwd, IDENTITY);

/** Another writer's commit of `files` (path to content) on `branch`, pushed straight to the bare repository. */
export async function commitFiles(repoPath: string, branch: string, files: Record<string, string>, message = 'another writer'): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'orch-git-other-'));
  try {
    await gitCli(['init', '-q', `--initial-branch=${branch}`], work);
    const heads = await gitCli(['ls-remote', '--heads', repoPath, branch], work);
    if (heads.trim()) {
      await gitCli(['fetch', '-q', repoPath, branch], work);
      await gitCli(['reset', '-q', '--hard', 'FETCH_HEAD'], work);
    }
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    await gitCli(['add', '-A'], work);
    await gitCli(['commit', '-q', '-m', message], work);
    await gitCli(['push', '-q', repoPath, `HEAD:refs/heads/${branch}`], work);
    return (await gitCli(['rev-parse', 'HEAD'], work)).trim();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function commitsOf(repoPath: string, ref: string): Promise<Array<{ sha: string; message: string }>> {
  const out = await gitCli(['log', '--format=%H%x00%B%x01', ref], repoPath).catch(() => '');
  return out
    .split('\x01')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [sha, message] = entry.split('\x00');
      return { sha, message };
    });
}

/** Path to content of every file in `ref`'s tree, below `dir` when given. */
export async function filesAt(repoPath: string, ref: string, dir = ''): Promise<Record<string, string>> {
  const names = (await gitCli(['ls-tree', '-r', '--name-only', ref, ...(dir ? [dir] : [])], repoPath)).split('\n').filter(Boolean);
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await gitCli(['show', `${ref}:${name}`], repoPath);
  return files;
}

import { spawn } from 'node:child_process';

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A child process run to its end, asynchronously. The git server runs inside the processes that test and demo
 * against it, and a synchronous child would block it: every git CLI call made next to a running server goes here.
 */
export function runProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The git CLI's standard output; a non-zero exit rejects with git's standard error. */
export async function gitCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { code, stdout, stderr } = await runProcess('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env } });
  if (code !== 0) throw new Error(`git ${args.join(' ')}: ${stderr.trim()}`);
  return stdout;
}

/** A new empty bare repository `<root>/<name>.git`, which the git server serves as `/<name>.git`. */
export async function initBareRepo(root: string, name: string, initialBranch = 'main'): Promise<string> {
  await gitCli(['init', '-q', '--bare', `--initial-branch=${initialBranch}`, `${name}.git`], root);
  return `${root}/${name}.git`;
}

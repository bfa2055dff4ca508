import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ORCH_BIN = join(__dirname, 'cli', 'orch.cjs');

export interface OrchRun {
  readonly code: number;
  /** Standard output when captured; empty when it went to this process's. */
  readonly stdout: string;
}

/**
 * Runs the `orch` bin (what `npx orch` runs) as a child process, with this process's Node. Standard error always goes
 * to this process's, so events stay live (the live view when that is a terminal); standard output is captured for
 * `--json` commands, else passed through.
 */
export function orch(args: readonly string[], options: { env: NodeJS.ProcessEnv; capture?: boolean; cwd?: string }): Promise<OrchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ORCH_BIN, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');
const VENV = join(REPO_ROOT, '.venv');
const REQUIREMENTS = join(REPO_ROOT, 'requirements.txt');
const STAMP = join(VENV, '.requirements.sha256');

/** Path of a program installed in the project's virtualenv. */
export const venvBin = (name: string) => join(VENV, 'bin', name);

/**
 * Makes sure `.venv` holds what requirements.txt lists (moto server, the cfn CLI and its TypeScript plugin).
 * Installs only when the requirements changed since the last install, so a warm run costs a file read.
 */
export function ensurePythonTools(log: (line: string) => void = () => undefined): void {
  const wanted = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return;
  const python = process.env.PYTHON ?? 'python3';
  if (!existsSync(venvBin('python'))) {
    log(`creating ${VENV}`);
    execFileSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
  }
  log('installing Python tools from requirements.txt');
  execFileSync(venvBin('pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS], { stdio: 'inherit' });
  writeFileSync(STAMP, wanted);
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');
const VENV = join(REPO_ROOT, '.venv');
const REQUIREMENTS = join(REPO_ROOT, 'requirements.txt');

/** Path of a program installed in the project's virtualenv. */
export const venvBin = (name: string) => join(VENV, 'bin', name);

/**
 * Makes sure `.venv` holds what requirements.txt lists (moto server, the cfn CLI and its TypeScript plugin).
 * Installs only when the requirements changed since the last install, so a warm run costs a file read.
 */
export function ensurePythonTools(log: (line: string) => void = () => undefined): void {
  ensureVirtualenv(VENV, REQUIREMENTS, log);
}

/** Makes sure the virtualenv `venv` holds what `requirements` lists, installing only when the file changed. */
export function ensureVirtualenv(venv: string, requirements: string, log: (line: string) => void = () => undefined): void {
  const stamp = join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const python = process.env.PYTHON ?? 'python3';
  const pip = join(venv, 'bin', 'pip');
  if (!existsSync(join(venv, 'bin', 'python'))) {
    log(`creating ${venv}`);
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  }
  log(`installing Python packages from ${requirements}`);
  execFileSync(pip, ['install', '--quiet', '--disable-pip-version-check', '-r', requirements], { stdio: 'inherit' });
  writeFileSync(stamp, wanted);
}

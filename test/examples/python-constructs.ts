import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ensureVirtualenv, REPO_ROOT } from '../../local/python-env';

const VENV = join(REPO_ROOT, '.venv-cdk');

/**
 * A Python with aws-cdk-lib (the .venv-cdk that test/constructs/python.test.ts sets up) and the constructs package.
 * When that test has not installed the wheel yet, it is built from the jsii assembly and installed into a folder of
 * `scratch` put on PYTHONPATH, leaving the virtualenv as it is. jsii's Python runtime runs this process's Node.
 */
export function pythonWithConstructs(scratch: string): { python: string; env: NodeJS.ProcessEnv } {
  ensureVirtualenv(VENV, join(REPO_ROOT, 'test', 'constructs', 'python', 'requirements.txt'));
  const python = join(VENV, 'bin', 'python');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, PYTHONDONTWRITEBYTECODE: '1' };
  if (spawnSync(python, ['-c', 'import cfn_orchestration'], { env, stdio: 'ignore' }).status === 0) return { python, env };
  const wheels = join(scratch, 'wheels');
  execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'jsii-pacmak'), ['--targets', 'python', '--outdir', wheels], { cwd: join(REPO_ROOT, 'constructs'), stdio: 'pipe', env });
  const wheel = readdirSync(join(wheels, 'python')).find((f) => f.endsWith('.whl'))!;
  const site = join(scratch, 'site-packages');
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '--target', site, join(wheels, 'python', wheel)], { stdio: 'pipe' });
  return { python, env: { ...env, PYTHONPATH: site } };
}

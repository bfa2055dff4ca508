/**
 * The Python package: jsii-pacmak builds the wheel from the jsii assembly (npm run build:constructs), which is
 * installed with aws-cdk-lib from PyPI into a virtualenv of its own (.venv-cdk; aws-cdk-lib's dependencies are not
 * the moto venv's), and pytest runs the Python apps in python/ (every test function there must pass).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVirtualenv, REPO_ROOT } from '../../local/python-env';

const PACKAGE = join(REPO_ROOT, 'constructs');
const VENV = join(REPO_ROOT, '.venv-cdk');
const WHEELS = join(PACKAGE, 'dist', 'python');
const PYTESTS = join(__dirname, 'python');

/** The test functions the Python files define, so a test pytest did not collect fails here. */
function pythonTestCount(): number {
  return readdirSync(PYTESTS)
    .filter((f) => /^test_.*\.py$/.test(f))
    .reduce((n, f) => n + (readFileSync(join(PYTESTS, f), 'utf8').match(/^def test_/gm) ?? []).length, 0);
}

test('the wheel installs beside aws-cdk-lib from PyPI and a Python app synthesizes with it', () => {
  rmSync(WHEELS, { recursive: true, force: true });
  execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'jsii-pacmak'), ['--targets', 'python'], { cwd: PACKAGE, stdio: 'pipe' });
  const wheels = readdirSync(WHEELS).filter((f) => f.endsWith('.whl'));
  expect(wheels).toEqual(['cfn_orchestration_constructs-0.1.0-py3-none-any.whl']);

  ensureVirtualenv(VENV, join(__dirname, 'python', 'requirements.txt'));
  const pip = join(VENV, 'bin', 'pip');
  // pip refuses the wheel here if its aws-cdk-lib range excludes the one PyPI has (a peer range from npm's newest).
  execFileSync(pip, ['install', '--quiet', '--disable-pip-version-check', '--force-reinstall', '--no-deps', join(WHEELS, wheels[0])], { stdio: 'pipe' });
  execFileSync(pip, ['check', '--disable-pip-version-check'], { stdio: 'pipe' });

  let output: string;
  try {
    output = execFileSync(join(VENV, 'bin', 'python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', PYTESTS], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
  } catch (err) {
    throw new Error(`pytest failed:\n${(err as { stdout: string }).stdout}${(err as { stderr: string }).stderr}`);
  }
  expect(output).toMatch(new RegExp(`\\b${pythonTestCount()} passed\\b`));
}, 600_000);

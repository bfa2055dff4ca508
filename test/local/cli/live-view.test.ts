import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const FIXTURE = join(__dirname, 'live-deploy-fixture.ts');

/** Runs the command on a pseudo-terminal of the given size (util-linux `script`), returning what the terminal received. */
function onTerminal(command: string[], size: { rows: number; cols: number }, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const quoted = command.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', `stty rows ${size.rows} cols ${size.cols}; exec ${quoted}`, '/dev/null'], {
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('orch deploy on a terminal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'orch-live-'));
    writeFileSync(
      join(dir, 'stack.yaml'),
      `Resources:
  Data:
    Type: AWS::S3::Bucket
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:train
Outputs:
  Accuracy:
    Value: "0.91"
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('redraws one line per resource in place, then leaves the final frame and the outputs', async () => {
    const { code, output } = await onTerminal([process.execPath, TSX, FIXTURE, join(dir, 'stack.yaml'), join(dir, '.orch')], { rows: 20, cols: 140 }, { CI: '' });
    expect(code).toBe(0);
    // log-update moves the cursor up and erases lines to redraw: plain lines would have none of that.
    expect(output).toMatch(/\u001b\[\d*A/);
    expect(output).toContain('\u001b[2K');
    const text = stripVTControlCharacters(output).replace(/\r/g, '');
    expect(text).not.toMatch(/^2026-/m);
    // A frame showed the handler's progress note while Train ran.
    expect(text).toMatch(/Train {2}Orch::StepFunctions::Task {2}CREATE_IN_PROGRESS {2}\d+s {2}waiting for execution train-1, next check in 5s/);
    const final = text.slice(text.lastIndexOf('Stack research CREATE_COMPLETE'));
    expect(final.split('\n')).toEqual([
      expect.stringMatching(/^Stack research CREATE_COMPLETE, \d+s$/),
      '  Data   AWS::S3::Bucket            CREATE_COMPLETE',
      '  Train  Orch::StepFunctions::Task  CREATE_COMPLETE',
      '',
      'Outputs of research:',
      'Output    Value  Export',
      'Accuracy  0.91',
      '',
    ]);
  });

  it('on Ctrl-C, ends the view, says the next deploy rolls back, and exits 130', async () => {
    const child = spawn(process.execPath, [TSX, FIXTURE, join(dir, 'stack.yaml'), join(dir, '.orch-int'), 'Train'], { env: { ...process.env, NODE_NO_WARNINGS: '1', CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupted once the task is running: on its progress note, not after a time.
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('next check in 5s')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('orch deploy: interrupted; the next orch deploy or orch delete of stack research first rolls back what this one started\n');
    expect(stdout).toMatch(/Data +AWS::S3::Bucket +CREATE_COMPLETE\n/);
    expect(stdout).not.toMatch(/(Train|research) +\S+ +CREATE_COMPLETE/);
  });

  it('prints plain lines on the same terminal with CI=true', async () => {
    const { code, output } = await onTerminal([process.execPath, TSX, FIXTURE, join(dir, 'stack.yaml'), join(dir, '.orch-ci')], { rows: 20, cols: 140 }, { CI: 'true' });
    expect(code).toBe(0);
    expect(output).not.toMatch(/\u001b\[\d*A/);
    const lines = stripVTControlCharacters(output).replace(/\r/g, '').split('\n');
    expect(lines.filter((l) => l.startsWith('2026-'))).toHaveLength(7);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/python-env';

/** `npm run demo` is the README's main command: it must run to its end and show each step's outcome. */
test('the demo trains, publishes the release to git once, and cleans up', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'demo.ts')], { cwd: REPO_ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(out).toContain('!GetAtt Train.Outputs.ModelUri -> s3://models/resnet-50/v7');
  expect(out).toMatch(/UPDATE \(RunToken changed, same files: no new commit\): SUCCESS\n {4}\{\n {6}"CommitSha": "[0-9a-f]{40}",\n {6}"FilesAdded": 0/);
  expect(out).toContain('apps/classifier/serving.yaml');
  expect(out).toContain("READ after delete: FAILED NotFound: Orch::StepFunctions::Task 'Train-");
  expect(code).toBe(0);
}, 120_000);

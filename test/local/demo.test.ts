import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/python-env';

/** Whether the process runs: a zombie (exited, its exit status not yet collected by init) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * `npm run demo` is the README's main command: it must run to its end through the real `orch` bin, show each step's
 * outcome, and leave no service running.
 */
test('the demo deploys, updates and deletes the research pipeline with orch, and stops the services', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'demo.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_NO_WARNINGS: '1', CI: 'true' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  for (const stack of ['research-pipeline', 'research-consumer', 'research-pipeline-cdk']) {
    expect(out).toMatch(new RegExp(`Z  ${stack} +AWS::CloudFormation::Stack +CREATE_COMPLETE`));
    expect(out).toMatch(new RegExp(`Z  ${stack} +AWS::CloudFormation::Stack +DELETE_COMPLETE`));
  }
  expect(out).toMatch(/^Accuracy +0\.\d+ +research-pipeline-Accuracy$/m);
  // The commit the outputs name is the one the repository's log shows under the release tag.
  const sha = /The release commit ([0-9a-f]{40}) in the local git server's repository/.exec(out)?.[1];
  expect(out).toContain(`${sha!.slice(0, 7)}  (HEAD -> main, tag: classifier-v1) Release classifier v1`);
  expect(out).toMatch(/\(HEAD -> main, tag: classifier-v2\) Release classifier v2/);
  expect(out).toContain('Ran again: Train, ModelCard, Release: ');
  expect(out).toMatch(/UPDATE_COMPLETE\n/);
  expect(out).toContain('stack research-pipeline cannot be deleted: its export research-pipeline-DataBucketName is in use by stack research-consumer');
  expect(out).toMatch(/^research-pipeline-cdk +CREATE_COMPLETE +14 /m);
  const pids = /stopped the local services \(pids (\d+), (\d+)\)/.exec(out);
  expect(pids).not.toBeNull();
  expect([Number(pids![1]), Number(pids![2])].filter(isRunning)).toEqual([]);
  expect(code).toBe(0);
}, 300_000);

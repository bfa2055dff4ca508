import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../local/process';
import { servicesInfo } from '../../../local/services';
import { isAlive } from '../../../local/services/state-files';

const BIN = join(__dirname, '..', '..', '..', 'local', 'cli', 'orch.cjs');

describe('the orch bin', () => {
  let stateDir: string;
  beforeAll(() => (stateDir = mkdtempSync(join(tmpdir(), 'orch-bin-'))));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  test('orch up returns once the services answer and leaves them running; its output evaluated by a shell exports their environment; orch down stops them', async () => {
    const env = { ...process.env, ORCH_STATE_DIR: stateDir, NODE_NO_WARNINGS: '1' };
    // The bin's exit, not a timeout, ends `$(...)`: the daemon holds neither its stdout nor its stderr.
    const shell = await runProcess('sh', ['-c', `eval "$("${process.execPath}" "${BIN}" up)" && echo "$AWS_ENDPOINT_URL_LAMBDA $ORCH_GIT_SECRET_ARN"`], { env });
    expect(shell.code).toBe(0);
    const info = servicesInfo(stateDir)!;
    expect(shell.stdout).toBe(`${info.lambdaEndpoint} ${info.gitCredentialsSecretArn}\n`);
    expect(shell.stderr).toBe(`starting the local services (log: ${join(stateDir, 'services.log')})\n`);
    expect(isAlive(info.pids.daemon)).toBe(true);

    const down = await runProcess(process.execPath, [BIN, 'down'], { env });
    expect(down).toEqual({ code: 0, stdout: `stopped the local services (pids ${info.pids.daemon}, ${info.pids.moto})\n`, stderr: '' });
    expect([isAlive(info.pids.daemon), isAlive(info.pids.moto)]).toEqual([false, false]);
  });
});

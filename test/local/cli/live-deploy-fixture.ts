// Runs `orch deploy` on the real process streams with the fake engine, so a test can watch the live view on a
// pseudo-terminal: `tsx live-deploy-fixture.ts TEMPLATE STATE_DIR [HANG_AT]` (HANG_AT: a resource whose create never ends).
import { processIo } from '../../../local/cli/io';
import { runCli } from '../../../local/cli/program';
import { FakeEngine } from './fake-engine';

const [template, stateDir, hangAt] = process.argv.slice(2);
const engine = new FakeEngine(stateDir, { notes: { Train: 'waiting for execution train-1, next check in 5s' }, hangAt });
runCli(['deploy', template, '--stack', 'research'], processIo, () => engine).then((code) => {
  process.exitCode = code;
});

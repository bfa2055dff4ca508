import { Command } from 'commander';
import { ServicesBusy, stopServices } from '../services';
import { stateDirectory } from '../engine/state/stack-store';
import { CliIo, EXIT } from './io';

/** `orch down`: stops what `orch up` started and forgets the stacks whose resources lived in it. */
export function downCommand(io: CliIo): Command {
  return new Command('down')
    .description('stop the local services; stacks created while they ran are forgotten, since their resources lived in the stopped local AWS (the git repositories are kept)')
    .action(async () => {
      const stateDir = stateDirectory();
      try {
        const stopped = await stopServices(stateDir, { log: (line) => io.out(`${line}\n`) });
        if (!stopped) io.out(`no local services running for ${stateDir}\n`);
      } catch (e) {
        if (!(e instanceof ServicesBusy)) throw e;
        io.err(`orch down: ${e.message}\n`);
        io.setExitCode(EXIT.refused);
      }
    });
}

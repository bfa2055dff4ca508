import { Command } from 'commander';
import { servicesInfo, startServices } from '../services';
import { stateDirectory } from '../engine/state/stack-store';
import { CliIo, EXIT } from './io';
import { formatServices } from './up-output';

/** `orch up [--json]`: starts the local services in the background, or shows the ones running. */
export function upCommand(io: CliIo): Command {
  return new Command('up')
    .description('start the local services in the background (moto with Step Functions execution, the Lambda endpoint, the git server) and print their endpoints and the environment to export')
    .option('--json', 'print one JSON document: {stateDir, alreadyRunning, awsEndpoint, lambdaEndpoint, gitUrl, env, gitCredentialsSecretArn, pids, startedAt, logFile}')
    .action(async (options: { json?: boolean }) => {
      const stateDir = stateDirectory();
      const running = servicesInfo(stateDir);
      let info = running;
      if (!info) {
        try {
          info = await startServices(stateDir, { log: (line) => io.err(`${line}\n`) });
        } catch (e) {
          io.err(`orch up: ${(e as Error).message}\n`);
          io.setExitCode(EXIT.invalid);
          return;
        }
      }
      const alreadyRunning = running !== undefined;
      io.out(options.json ? `${JSON.stringify({ stateDir, alreadyRunning, ...info }, null, 2)}\n` : formatServices(info, stateDir, alreadyRunning));
    });
}

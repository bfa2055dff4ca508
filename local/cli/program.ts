import { Command, CommanderError } from 'commander';
import { deleteCommand } from './delete-command';
import { deployCommand } from './deploy-command';
import type { CliEngine } from './engine';
import { eventsCommand } from './events-command';
import { CliIo, EXIT, processIo } from './io';
import { listCommand } from './list-command';
import { outputsCommand } from './outputs-command';
import { validateCommand } from './validate-command';
import { upCommand } from './up-command';
import { downCommand } from './down-command';

const EXIT_CODES = `
Exit codes: 0 success; 1 invalid template, or the operation failed (after a
rollback); 2 usage error, unreadable file, no local AWS (run \`orch up\`) or no
such stack; 3 refused before starting (a deploy already runs on the stack, an
export another stack imports); 130 interrupted (Ctrl-C: the next deploy or
delete of the stack rolls back what it started).
State: stacks live in ORCH_STATE_DIR (default ./.orch).`;

/** The engine loaded on first use, so `orch validate` and `orch --help` do not load the SDK and the provisioners. */
function lazyEngine(): () => CliEngine {
  let engine: CliEngine | undefined;
  return () => (engine ??= (require('./default-engine') as typeof import('./default-engine')).defaultEngine());
}

/** The `orch` command line. `engine` is the real one unless a test passes its own. */
export function createProgram(io: CliIo = processIo, engine: () => CliEngine = lazyEngine()): Command {
  const program = new Command('orch')
    .description('Run CloudFormation templates with Orch::* resource types locally')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODES)
    // Commander exits 1 on a usage error; 1 is kept for an invalid template, so usage errors exit 2.
    .exitOverride((error: CommanderError) => {
      throw Object.assign(error, { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage });
    });
  const commands = [
    validateCommand(io),
    deployCommand(io, engine),
    deleteCommand(io, engine),
    eventsCommand(io, engine),
    outputsCommand(io, engine),
    listCommand(io, engine),
  ];
  // addCommand does not pass settings down, and a subcommand's usage errors need the same output and exit codes.
  for (const command of commands) program.addCommand(command.copyInheritedSettings(program));
  for (const command of [upCommand(io), downCommand(io)]) program.addCommand(command.copyInheritedSettings(program));
  return program;
}

/** Runs the program on `argv` (without node and the script), returning the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo, engine?: () => CliEngine): Promise<number> {
  let exitCode: number = EXIT.ok;
  const tracking: CliIo = { ...io, setExitCode: (code) => ((exitCode = code), io.setExitCode(code)) };
  try {
    await createProgram(tracking, engine).parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    exitCode = e.exitCode;
  }
  return exitCode;
}

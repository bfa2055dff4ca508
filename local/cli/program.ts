import { Command, CommanderError } from 'commander';
import { CliIo, EXIT, processIo } from './io';
import { validateCommand } from './validate-command';
import { upCommand } from './up-command';
import { downCommand } from './down-command';

/** The `orch` command line: `validate` first; deploy, delete, events, outputs, list, up and down come with the engine. */
export function createProgram(io: CliIo = processIo): Command {
  const program = new Command('orch')
    .description('Run CloudFormation templates with Orch::* resource types locally')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    // Commander exits 1 on a usage error; 1 is kept for an invalid template, so usage errors exit 2.
    .exitOverride((error: CommanderError) => {
      throw Object.assign(error, { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage });
    });
  // addCommand does not pass settings down, and a subcommand's usage errors need the same output and exit codes.
  for (const command of [validateCommand(io)]) program.addCommand(command.copyInheritedSettings(program));
  for (const command of [upCommand(io), downCommand(io)]) program.addCommand(command.copyInheritedSettings(program));
  return program;
}

/** Runs the program on `argv` (without node and the script), returning the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const tracking: CliIo = { ...io, setExitCode: (code) => ((exitCode = code), io.setExitCode(code)) };
  try {
    await createProgram(tracking).parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    exitCode = e.exitCode;
  }
  return exitCode;
}

import { Command } from 'commander';
import { reportErrors } from './command-errors';
import type { CliEngine } from './engine';
import { eventColumns, formatEventLine } from './event-line';
import { CliIo, EXIT } from './io';
import { checkStackName, UsageError } from './parameters';

async function events(flags: { stack: string; json?: boolean }, io: CliIo, engine: CliEngine): Promise<number> {
  const stackName = checkStackName(flags.stack);
  const stateDir = engine.stateDirectory();
  const history = engine.readEvents(stateDir, stackName);
  if (history.length === 0 && !engine.readStack(stateDir, stackName)) throw new UsageError(`no stack named ${stackName} in ${stateDir}`);
  if (flags.json) {
    io.out(`${JSON.stringify(history, null, 2)}\n`);
    return EXIT.ok;
  }
  const columns = eventColumns(history);
  for (const event of history) io.out(`${formatEventLine(event, columns)}\n`);
  return EXIT.ok;
}

/** `orch events --stack NAME`: the stack's whole history, oldest first, as the plain lines a deploy prints. */
export function eventsCommand(io: CliIo, engine: () => CliEngine): Command {
  return new Command('events')
    .description("print the stack's event history, oldest first (a deleted stack's too): time, logical id, type, status, reason")
    .requiredOption('--stack <name>', 'the stack')
    .option('--json', 'print the events as one JSON array')
    .action((flags: { stack: string; json?: boolean }) => reportErrors(io, 'events', () => events(flags, io, engine())));
}

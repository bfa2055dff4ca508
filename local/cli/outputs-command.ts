import { Command } from 'commander';
import { reportErrors } from './command-errors';
import type { CliEngine } from './engine';
import { CliIo, EXIT } from './io';
import { outputsTable } from './outputs-table';
import { checkStackName, UsageError } from './parameters';
import { outputValues } from './stack-document';

async function outputs(flags: { stack: string; json?: boolean }, io: CliIo, engine: CliEngine): Promise<number> {
  const stackName = checkStackName(flags.stack);
  const stateDir = engine.stateDirectory();
  const record = engine.readStack(stateDir, stackName);
  if (!record) throw new UsageError(`no stack named ${stackName} in ${stateDir}`);
  if (flags.json) io.out(`${JSON.stringify(outputValues(record.outputs), null, 2)}\n`);
  else if (Object.keys(record.outputs).length === 0) io.err(`stack ${stackName} (${record.status}) has no outputs\n`);
  else io.out(outputsTable(record.outputs));
  return EXIT.ok;
}

/** `orch outputs --stack NAME`: the deployed stack's outputs, read from the state directory. */
export function outputsCommand(io: CliIo, engine: () => CliEngine): Command {
  return new Command('outputs')
    .description("print the stack's outputs: name, value and export name")
    .requiredOption('--stack <name>', 'the stack')
    .option('--json', 'print one JSON object, output name to value')
    .action((flags: { stack: string; json?: boolean }) => reportErrors(io, 'outputs', () => outputs(flags, io, engine())));
}

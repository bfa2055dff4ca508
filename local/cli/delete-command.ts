import { Command } from 'commander';
import { STACK_TYPE } from '../engine/deploy/stack-events';
import { StackResult } from '../engine/deploy/stack-operations';
import { reportErrors } from './command-errors';
import type { CliEngine } from './engine';
import { eventColumns } from './event-line';
import { interruptible } from './interrupt';
import { CliIo, EXIT } from './io';
import { checkStackName } from './parameters';
import { openProgressDisplay } from './progress-display';
import { stackDocument } from './stack-document';

async function remove(flags: { stack: string; json?: boolean }, io: CliIo, engine: CliEngine): Promise<number> {
  const stackName = checkStackName(flags.stack);
  const stateDir = engine.stateDirectory();
  const record = engine.readStack(stateDir, stackName);
  if (!record) {
    // As CloudFormation's DeleteStack: deleting a stack that is not there succeeds, so scripts can clean up twice.
    io.err(`orch delete: no stack named ${stackName} in ${stateDir}: nothing to delete\n`);
    return EXIT.ok;
  }
  const session = await engine.openSession(stateDir);
  io.err(`orch delete: stack ${stackName}, AWS from ${session.awsSource}\n`);
  const display = openProgressDisplay(io, {
    stackName,
    stream: flags.json ? 'err' : 'out',
    columns: eventColumns([{ logicalId: stackName, type: STACK_TYPE }, ...Object.values(record.resources)]),
  });
  let result: StackResult;
  try {
    const interrupted = `orch delete: interrupted; the next orch delete of stack ${stackName} finishes what this one started`;
    result = await interruptible(io, display, interrupted, () => engine.deleteStack({ ...session.options, stackName, onEvent: (event) => display.event(event) }));
  } finally {
    display.close();
    await session.close();
  }
  if (flags.json) io.out(`${JSON.stringify(stackDocument(result), null, 2)}\n`);
  if (result.status === 'DELETE_COMPLETE') return EXIT.ok;
  io.err(`orch delete: stack ${stackName} ended ${result.status}${result.statusReason ? `: ${result.statusReason}` : ''}\n`);
  return EXIT.failed;
}

/** `orch delete --stack NAME`: resources in reverse dependency order, Retain ones kept. */
export function deleteCommand(io: CliIo, engine: () => CliEngine): Command {
  return new Command('delete')
    .description('delete the stack and its resources in reverse dependency order (DeletionPolicy Retain keeps a resource)')
    .requiredOption('--stack <name>', 'the stack to delete')
    .option('--json', 'print only the final state on stdout as one JSON document; events go to stderr')
    .addHelpText(
      'after',
      [
        '',
        'Exit 0 when deleted (or there was no such stack), 1 when a resource could not be',
        'deleted (DELETE_FAILED), 2 on a usage error or when no local AWS is there, 3 when',
        'refused (another stack imports one of its exports, another operation runs on it).',
      ].join('\n'),
    )
    .action((flags: { stack: string; json?: boolean }) => reportErrors(io, 'delete', () => remove(flags, io, engine())));
}

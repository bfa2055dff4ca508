import { StackOperationRefused } from '../engine/deploy/stack-operations';
import { CliIo, EXIT } from './io';
import { UsageError } from './parameters';

/**
 * A refusal for the template's sake (a parameter outside AllowedValues, an import of an export no stack has) exits 1
 * like `orch validate`; one for the state of things (a lock, an export in use, a stack to delete first) exits 3.
 */
function exitCodeOf(e: StackOperationRefused): number {
  return e.kind === 'invalid' ? EXIT.invalid : EXIT.refused;
}

/**
 * Runs a command's work, turning the errors a user can act on into a message and an exit code: a usage error or
 * missing local AWS exits 2, an invalid template 1, a refused operation (lock, import) 3. Anything else is a bug
 * and propagates (the bin prints it with its stack).
 */
export async function reportErrors(io: CliIo, command: string, work: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await work();
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && e.name === 'NoLocalAws')) {
      io.err(`orch ${command}: ${e.message}\n`);
      code = EXIT.usage;
    } else if (e instanceof StackOperationRefused) {
      const problems = e.problems.filter((problem) => !e.message.includes(problem));
      io.err(`orch ${command}: ${e.message}\n${problems.map((problem) => `${problem}\n`).join('')}`);
      code = exitCodeOf(e);
    } else {
      throw e;
    }
  }
  io.setExitCode(code);
}

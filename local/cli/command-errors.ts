import { StackOperationRefused } from '../engine/deploy/stack-operations';
import { CliIo, EXIT } from './io';
import { UsageError } from './parameters';

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
      io.err(`orch ${command}: ${e.message}\n`);
      for (const problem of e.problems) io.err(`${problem}\n`);
      // Problems are template diagnostics: the template is at fault, as with `orch validate`.
      code = e.problems.length > 0 ? EXIT.invalid : EXIT.refused;
    } else {
      throw e;
    }
  }
  io.setExitCode(code);
}

import { StackOperationRefused } from '../engine/deploy/stack-operations';
import { CliIo, EXIT } from './io';
import { UsageError } from './parameters';

// `file:line:col: ...`: a problem orch validate would print, pointing into the template.
const AT_TEMPLATE_POSITION = /^.+:\d+:\d+: /;

/**
 * A refusal for the template's sake (a parameter outside AllowedValues, an import of an export no stack has) exits 1
 * like `orch validate`; one for the state of things (a lock, an export in use, a stack to delete first) exits 3.
 * The executor locates every template problem at its line and column, and nothing else.
 */
function isTemplateFault(e: StackOperationRefused): boolean {
  return e.problems.length > 0 && e.problems.every((problem) => AT_TEMPLATE_POSITION.test(problem));
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
      code = isTemplateFault(e) ? EXIT.invalid : EXIT.refused;
    } else {
      throw e;
    }
  }
  io.setExitCode(code);
}

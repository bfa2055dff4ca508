import { Command } from 'commander';
import { STACK_TYPE } from '../engine/deploy/stack-events';
import { StackResult, SUCCESS_STATUSES } from '../engine/deploy/stack-operations';
import { formatDiagnostic } from '../engine/template/diagnostic';
import { reportErrors } from './command-errors';
import type { CliEngine } from './engine';
import { eventColumns } from './event-line';
import { interruptible } from './interrupt';
import { CliIo, EXIT } from './io';
import { outputsTable } from './outputs-table';
import { checkStackName, parseParameterArgs, readParametersFile, UsageError } from './parameters';
import { openProgressDisplay } from './progress-display';
import { stackDocument } from './stack-document';
import { validateFile, ValidateResult } from './validate-command';

interface DeployFlags {
  stack: string;
  parameters?: string[];
  parametersFile?: string;
  json?: boolean;
  disableRollback?: boolean;
  concurrency?: string;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency: '${value}' is not a whole number of at least 1`);
  return n;
}

function validated(file: string, io: CliIo): ValidateResult | undefined {
  let result: ValidateResult;
  try {
    result = validateFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  if (result.diagnostics.length === 0) return result;
  for (const d of result.diagnostics) io.err(`${formatDiagnostic(d, file)}\n`);
  io.err(`orch deploy: ${file}: ${result.diagnostics.length} error${result.diagnostics.length === 1 ? '' : 's'}, nothing deployed\n`);
  return undefined;
}

/** What follows the events: the JSON document alone on stdout, or the outputs (success) or the failure's reason. */
function reportResult(result: StackResult, json: boolean, io: CliIo): number {
  const ok = SUCCESS_STATUSES.includes(result.status);
  if (json) io.out(`${JSON.stringify(stackDocument(result), null, 2)}\n`);
  else if (ok && Object.keys(result.outputs).length > 0) io.out(`\nOutputs of ${result.stackName}:\n${outputsTable(result.outputs)}`);
  if (!ok) io.err(`orch deploy: stack ${result.stackName} ended ${result.status}${result.statusReason ? `: ${result.statusReason}` : ''}\n`);
  return ok ? EXIT.ok : EXIT.failed;
}

async function deploy(file: string, flags: DeployFlags, io: CliIo, engine: CliEngine): Promise<number> {
  const stackName = checkStackName(flags.stack);
  // The file's values first, the command line's over them, as `aws cloudformation deploy --parameter-overrides` reads.
  const parameters = {
    ...(flags.parametersFile ? readParametersFile(flags.parametersFile) : {}),
    ...parseParameterArgs(flags.parameters ?? []),
  };
  const concurrency = parseConcurrency(flags.concurrency);
  const checked = validated(file, io);
  if (!checked) return EXIT.invalid;

  const stateDir = engine.stateDirectory();
  const session = await engine.openSession(stateDir);
  io.err(`orch deploy: stack ${stackName}, AWS from ${session.awsSource}\n`);
  const resources = Object.entries((checked.template?.body.Resources ?? {}) as Record<string, { Type?: unknown }>);
  const display = openProgressDisplay(io, {
    stackName,
    stream: flags.json ? 'err' : 'out',
    columns: eventColumns([
      { logicalId: stackName, type: STACK_TYPE },
      ...resources.map(([logicalId, r]) => ({ logicalId, type: String(r?.Type ?? '') })),
    ]),
  });
  let result: StackResult;
  try {
    const interrupted = `orch deploy: interrupted; the next orch deploy or orch delete of stack ${stackName} first rolls back what this one started`;
    result = await interruptible(io, display, interrupted, () =>
      engine.deployStack({
        ...session.options,
        stackName,
        templateFile: file,
        parameters,
        disableRollback: flags.disableRollback === true,
        ...(concurrency !== undefined ? { concurrency } : {}),
        onEvent: (event) => display.event(event),
      }),
    );
  } finally {
    display.close();
    await session.close();
  }
  return reportResult(result, flags.json === true, io);
}

/** `orch deploy TEMPLATE --stack NAME`: validate, then create the stack or update it, showing its events. */
export function deployCommand(io: CliIo, engine: () => CliEngine): Command {
  return new Command('deploy')
    .description('create the stack, or update it when it exists; on a failure, roll back what this deploy did')
    .argument('<template>', 'a YAML or JSON CloudFormation template (checked as `orch validate` does first)')
    .requiredOption('--stack <name>', 'the stack to create or update')
    .option('--parameters <key=value...>', 'parameter values (after the template: the list runs to the next option)')
    .option('--parameters-file <file>', 'JSON {"Key": "value"} or [{"ParameterKey", "ParameterValue"}]; --parameters wins')
    .option('--json', 'print only the final state on stdout, as one JSON document {StackName, Status, StatusReason, Outputs, Exports, Resources}; events go to stderr')
    .option('--disable-rollback', 'on a failed create, keep what was created (CloudFormation --disable-rollback)')
    .option('--concurrency <n>', 'resource operations running at once (default 50)')
    .addHelpText(
      'after',
      [
        '',
        'Exit 0 when the stack ends CREATE_COMPLETE or UPDATE_COMPLETE, 1 after a rollback',
        'or on an invalid template, 2 on a usage error or when no local AWS is there,',
        '3 when refused (another deploy runs on the stack, an export in use), 130 on',
        'Ctrl-C (the next deploy or delete of the stack rolls back what it started).',
      ].join('\n'),
    )
    .action((file: string, flags: DeployFlags) => reportErrors(io, 'deploy', () => deploy(file, flags, io, engine())));
}

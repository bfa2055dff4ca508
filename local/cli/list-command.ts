import { Command } from 'commander';
import { reportErrors } from './command-errors';
import type { CliEngine } from './engine';
import { oneLine } from './event-line';
import { CliIo, EXIT } from './io';
import { plainTable } from './plain-table';
import type { StackRecord } from '../engine/state/stack-record';
import { isAlive } from '../services/state-files';

/** A journal whose process is gone was left by a killed deploy: the next deploy of the stack rolls it back first. */
function operation(record: StackRecord): string | undefined {
  const flight = record.inFlight;
  if (!flight) return undefined;
  return isAlive(flight.pid) ? `${flight.kind} running, pid ${flight.pid}` : `${flight.kind} interrupted`;
}

async function list(flags: { json?: boolean }, io: CliIo, engine: CliEngine): Promise<number> {
  const stateDir = engine.stateDirectory();
  const stacks = engine.listStacks(stateDir);
  if (flags.json) {
    const rows = stacks.map((s) => ({
      StackName: s.stackName,
      StackId: s.stackId,
      Status: s.status,
      ...(s.statusReason ? { StatusReason: s.statusReason } : {}),
      Resources: Object.keys(s.resources).length,
      CreatedAt: s.createdAt,
      UpdatedAt: s.updatedAt,
      ...(s.inFlight ? { Operation: operation(s) } : {}),
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (stacks.length === 0) {
    io.err(`no stacks in ${stateDir}\n`);
    return EXIT.ok;
  }
  const rows = stacks.map((s) => [
    s.stackName,
    s.inFlight ? `${s.status} (${operation(s)})` : s.status,
    String(Object.keys(s.resources).length),
    s.updatedAt,
    oneLine(s.statusReason ?? ''),
  ]);
  io.out(plainTable(['Stack', 'Status', 'Resources', 'Updated', 'Reason'], rows));
  return EXIT.ok;
}

/** `orch list`: the stacks of the state directory. */
export function listCommand(io: CliIo, engine: () => CliEngine): Command {
  return new Command('list')
    .description('list the stacks in the state directory (ORCH_STATE_DIR, default ./.orch) with their status')
    .option('--json', 'print one JSON array of {StackName, Status, Resources, CreatedAt, UpdatedAt}')
    .action((flags: { json?: boolean }) => reportErrors(io, 'list', () => list(flags, io, engine())));
}

import type { StackEvent } from '../engine/deploy/stack-events';
import { EventColumns, formatEventLine } from './event-line';
import type { CliIo, Terminal } from './io';

/** What a command shows while an operation runs. */
export interface ProgressDisplay {
  event(event: StackEvent): void;
  /** Ends the display (the live view prints its final frame); the command's own lines follow it. */
  close(): void;
}

/** One plain line per event, for pipes, files and CI logs: nothing is redrawn. */
export class EventLines implements ProgressDisplay {
  constructor(
    private readonly write: (text: string) => void,
    private readonly columns?: EventColumns,
  ) {}

  event(event: StackEvent): void {
    this.write(`${formatEventLine(event, this.columns)}\n`);
  }

  close(): void {}
}

/** Which stack the display follows and where it writes. */
export interface DisplayOptions {
  readonly stackName: string;
  /** `err` when stdout is kept for one JSON document (`--json`). */
  readonly stream: 'out' | 'err';
  /** Column widths for the plain lines (from the template's logical ids and types). */
  readonly columns?: EventColumns;
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The live view on a terminal, plain event lines otherwise (a pipe, a file, `CI=true`). */
export function openProgressDisplay(io: CliIo, options: DisplayOptions): ProgressDisplay {
  const terminal: Terminal | undefined = options.stream === 'out' ? io.stdout : io.stderr;
  if (terminal?.isTTY === true && !isCi(io.env ?? process.env)) {
    // Loaded only for a terminal: log-update is an ES module, and everything else runs without it.
    const { LiveView } = require('./live-view') as typeof import('./live-view');
    return new LiveView(options.stackName, terminal);
  }
  return new EventLines(options.stream === 'out' ? io.out : io.err, options.columns);
}

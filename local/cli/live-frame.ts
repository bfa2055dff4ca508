import { stripVTControlCharacters } from 'node:util';
import Table from 'cli-table3';
import { oneLine } from './event-line';
import { BORDERLESS, tableLines } from './plain-table';
import { isFailed, isInProgress, ResourceProgress, StackProgress } from './stack-progress';

/** What a frame is drawn for: the terminal's size and the time elapsed times count to. */
export interface FrameOptions {
  /** Terminal columns: each resource stays on one line, its reason cut to fit. */
  readonly width: number;
  /** Terminal rows: past them, finished resources fold into one count line so the ones still running stay in view. @default unlimited */
  readonly height?: number;
  readonly now: Date;
  /** Colours the status (green done, red failed, yellow running). @default identity */
  readonly paint?: (status: string) => string;
}

const GAP = BORDERLESS.chars.middle.length;
const INDENT = '  ';

function seconds(from: string, now: Date): string {
  return `${Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 1000))}s`;
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The rows that fit: when there are too many, the oldest finished ones fold into a count, keeping failures and work in progress. */
function visibleRows(resources: ResourceProgress[], room: number): { rows: ResourceProgress[]; folded: number } {
  if (resources.length <= room) return { rows: resources, folded: 0 };
  const foldable = resources.filter((r) => !isInProgress(r.status) && !isFailed(r.status));
  // One line goes to the count itself.
  const fold = new Set(foldable.slice(0, Math.min(foldable.length, resources.length - room + 1)));
  return { rows: resources.filter((r) => !fold.has(r)), folded: fold.size };
}

/**
 * The live view of a stack operation: a header with the stack's status and elapsed time, then one line per resource
 * with its type, status, time in the current status while it runs, and the latest reason.
 */
export function renderFrame(progress: StackProgress, options: FrameOptions): string {
  const paint = options.paint ?? ((status: string) => status);
  const stack = progress.stack;
  const elapsed = progress.startedAt ? `, ${seconds(progress.startedAt, options.now)}` : '';
  const heading = `Stack ${progress.stackName}${stack ? ` ${paint(stack.status)}` : ''}${elapsed}`;
  const header = stack?.reason ? `${heading}: ${fit(oneLine(stack.reason), options.width - stripVTControlCharacters(heading).length - 2)}` : heading;
  const room = options.height === undefined ? Infinity : Math.max(1, options.height - 2);
  const { rows, folded } = visibleRows(progress.resources, room);
  if (rows.length === 0) return folded > 0 ? `${header}\n${INDENT}${folded} resources complete` : header;

  const idWidth = Math.max(...rows.map((r) => r.logicalId.length));
  const typeWidth = Math.max(...rows.map((r) => r.type.length));
  const statusWidth = Math.max(...rows.map((r) => stripVTControlCharacters(paint(r.status)).length));
  const timeWidth = Math.max(...rows.map((r) => (isInProgress(r.status) ? seconds(r.since, options.now).length : 0)));
  const used = INDENT.length + idWidth + typeWidth + statusWidth + timeWidth + 4 * GAP;
  // The reason gets what is left of the line; a narrow terminal still shows its start.
  const reasonWidth = Math.max(10, options.width - used);
  const table = new Table({
    ...BORDERLESS,
    colWidths: [idWidth, typeWidth, statusWidth, timeWidth, reasonWidth],
    wordWrap: false,
  });
  for (const row of rows) {
    const reason = oneLine(row.reason ?? '');
    table.push([row.logicalId, row.type, paint(row.status), isInProgress(row.status) ? seconds(row.since, options.now) : '', reason]);
  }
  const lines = tableLines(table).map((line) => (line ? `${INDENT}${line}` : line));
  if (folded > 0) lines.unshift(`${INDENT}${folded} more resource${folded === 1 ? '' : 's'} complete`);
  return [header, ...lines].join('\n');
}

import type { StackEvent } from '../engine/deploy/stack-events';

/** How wide the logical id and type columns are, so the status column lines up down the stream. */
export interface EventColumns {
  readonly logicalId: number;
  readonly type: number;
}

/** Columns wide enough for every name given (logical ids and types of the template, or of the events printed). */
export function eventColumns(rows: Iterable<{ readonly logicalId: string; readonly type: string }>): EventColumns {
  let logicalId = 0;
  let type = 0;
  for (const row of rows) {
    logicalId = Math.max(logicalId, row.logicalId.length);
    type = Math.max(type, row.type.length);
  }
  return { logicalId, type };
}

/** A reason on one line: a handler's or bundler's message may span several, and a line per event or row is kept. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * One event as CloudFormation's event stream lists it: time, logical id, type, status, reason.
 * `2026-12-01T14:50:01.123Z  Train  Orch::StepFunctions::Task  CREATE_IN_PROGRESS  waiting for execution ...`
 */
export function formatEventLine(event: StackEvent, columns: EventColumns = { logicalId: 0, type: 0 }): string {
  const cells = [event.timestamp, event.logicalId.padEnd(columns.logicalId), event.type.padEnd(columns.type), event.status];
  // One event stays one line, so `grep` and `tail` work on the stream.
  if (event.reason) cells.push(oneLine(event.reason));
  return cells.join('  ').trimEnd();
}

/** The publication could not finish inside this invocation; nothing was pushed, and the next one starts over. */
export class OutOfTime extends Error {
  readonly code = 'OutOfTime';
}

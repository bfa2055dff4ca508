/** Number formats shared by the report and the target details. */
export const sec = (seconds: number, digits = 1) => `${seconds.toFixed(digits)} s`;
export const usd = (value: number) => `$${value.toFixed(4)}`;
export const span = (seconds: number) =>
  seconds < 120 ? sec(seconds) : seconds < 7200 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(2)} h`;
/** `value` as a multiple of `baseline`, e.g. "0.072x". */
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(value / baseline < 0.1 ? 3 : 2)}x`;

/**
 * Exit codes, as `orch --help` lists them: 1 means the template or the operation failed (invalid template, a
 * rollback), 2 that the command could not run (usage, an unreadable file, no local AWS, no such stack), 3 that the
 * engine refused to start (a deploy already running on the stack, an export another stack imports).
 */
export const EXIT = { ok: 0, invalid: 1, failed: 1, usage: 2, refused: 3 } as const;

/** The stream behind `out` or `err`, when the live display may draw on it (it redraws only on a terminal). */
export type Terminal = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };

/** Where the commands write, so tests can run the program in-process as well as through the bin. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
  /** The streams behind `out` and `err`: a terminal gets the live view, anything else plain event lines. @default none (plain lines) */
  readonly stdout?: Terminal;
  readonly stderr?: Terminal;
  /** Where `CI` is read from (`CI=true` means plain lines even on a terminal). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams and environment, as the bin runs. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};

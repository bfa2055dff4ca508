/** Exit codes: 1 means the template is at fault, 2 that the command could not run (usage, an unreadable file). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, refused: 3 } as const;

/** Where the commands write, so tests can run the program in-process as well as through the bin. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

import type { CliIo, Terminal } from '../../../local/cli/io';

/** A CliIo that keeps what the program wrote; `terminal` makes stdout look like a terminal of that size. */
export function memoryIo(options: { env?: Record<string, string>; terminal?: { columns: number; rows: number } } = {}) {
  const written = { stdout: '', stderr: '' };
  const terminal: Terminal | undefined = options.terminal && {
    isTTY: true,
    ...options.terminal,
    write: (chunk: string | Uint8Array) => ((written.stdout += String(chunk)), true),
  } as unknown as Terminal;
  const io: CliIo = {
    out: (text) => void (written.stdout += text),
    err: (text) => void (written.stderr += text),
    setExitCode: () => undefined,
    env: options.env ?? {},
    ...(terminal ? { stdout: terminal } : {}),
  };
  return { io, written };
}

import type { CliIo } from './io';
import type { ProgressDisplay } from './progress-display';

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs an operation with Ctrl-C (or SIGTERM) leaving the terminal clean and saying what happens next: the process
 * stops as a kill would stop it, and the stack's journal lets the next deploy or delete roll back what this one
 * started. Exits 128 + the signal's number, as shells report it.
 */
export async function interruptible<T>(io: CliIo, display: ProgressDisplay, note: string, work: () => Promise<T>): Promise<T> {
  const handlers = Object.entries(SIGNALS).map(([signal, code]) => {
    const handler = () => {
      display.close();
      io.err(`${note}\n`);
      process.exit(code);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await work();
  } finally {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  }
}

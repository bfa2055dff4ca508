import type { StackRecord } from '../state/stack-record';
import { writeStack } from '../state/stack-store';

/**
 * Writes a stack's record, coalescing the writes of resources that finish together into one: a write-then-rename
 * per change costs more than the change itself on some file systems (200 no-op deletes: ~160 ms of renames alone).
 * What must be on disk before a provisioner runs is awaited through `durable()`; whatever a crash loses between two
 * writes is covered by the journal already written.
 */
export class RecordWriter {
  private dirty = false;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly stateDir: string,
    private readonly snapshot: () => StackRecord,
  ) {}

  /** Writes the record soon. */
  persist(): void {
    this.dirty = true;
    // A failed write surfaces at the next durable() or flush(), which write the same record.
    void this.flushSoon().catch(() => undefined);
  }

  /** Resolves once the record as it is now is on disk. */
  durable(): Promise<void> {
    this.dirty = true;
    return this.flushSoon();
  }

  /** Writes the record now. */
  flush(): void {
    this.dirty = false;
    writeStack(this.stateDir, this.snapshot());
  }

  private flushSoon(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.flushing = undefined;
        try {
          if (this.dirty) this.flush();
          resolve();
        } catch (e) {
          reject(e);
        }
      }),
    );
    return this.flushing;
  }
}

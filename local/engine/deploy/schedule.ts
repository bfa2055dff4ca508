/** What a scheduled run ended with. */
export interface ScheduleOutcome {
  /** Failed work, in the order the failures happened. */
  readonly failures: readonly { readonly id: string; readonly error: unknown }[];
  /** Work never started: it waited for a failed one, or the run stopped after a failure. */
  readonly skipped: readonly string[];
}

export interface ScheduleOptions {
  /** How many run at once. */
  readonly concurrency: number;
  /** Stop starting new work after the first failure (what is running finishes). @default true */
  readonly stopOnFailure?: boolean;
  /** Once aborted, no new work starts; what is running finishes. */
  readonly signal?: AbortSignal;
}

/**
 * Runs `work` for every id once all the ids it `needs` (within `ids`) have finished, each as soon as its own
 * dependencies are done rather than level by level, at most `concurrency` at a time. Needs outside `ids` are
 * ignored; the ids must not form a cycle (the graph refuses cycles before anything runs).
 */
export async function runInOrder(
  ids: Iterable<string>,
  needs: (id: string) => Iterable<string>,
  work: (id: string) => Promise<void>,
  options: ScheduleOptions,
): Promise<ScheduleOutcome> {
  const all = new Set(ids);
  const waitingOn = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const id of all) {
    const own = new Set([...needs(id)].filter((other) => all.has(other) && other !== id));
    waitingOn.set(id, own);
    for (const other of own) dependents.set(other, [...(dependents.get(other) ?? []), id]);
  }
  const ready = [...all].filter((id) => waitingOn.get(id)!.size === 0);
  const failures: { id: string; error: unknown }[] = [];
  const started = new Set<string>();
  const stopOnFailure = options.stopOnFailure ?? true;
  let running = 0;

  return new Promise((resolve) => {
    const finish = (id: string, error?: unknown) => {
      running--;
      if (error !== undefined) failures.push({ id, error });
      else {
        for (const next of dependents.get(id) ?? []) {
          const rest = waitingOn.get(next)!;
          rest.delete(id);
          if (rest.size === 0) ready.push(next);
        }
      }
      pump();
    };
    const pump = () => {
      const halted = (stopOnFailure && failures.length > 0) || options.signal?.aborted === true;
      while (!halted && running < options.concurrency && ready.length > 0) {
        const id = ready.shift()!;
        started.add(id);
        running++;
        // A synchronous throw in `work` counts as its failure, like a rejection.
        Promise.resolve()
          .then(() => work(id))
          .then(
            () => finish(id),
            (error: unknown) => finish(id, error ?? new Error(`${id} failed`)),
          );
      }
      if (running === 0) resolve({ failures, skipped: [...all].filter((id) => !started.has(id)) });
    };
    pump();
  });
}

/** `runInOrder` backwards: each id runs once everything that needs it has finished (deletion order). */
export function runInReverseOrder(
  ids: Iterable<string>,
  needs: (id: string) => Iterable<string>,
  work: (id: string) => Promise<void>,
  options: ScheduleOptions,
): Promise<ScheduleOutcome> {
  const all = [...ids];
  const neededBy = new Map<string, string[]>(all.map((id) => [id, []]));
  for (const id of all) for (const other of needs(id)) neededBy.get(other)?.push(id);
  return runInOrder(all, (id) => neededBy.get(id) ?? [], work, options);
}

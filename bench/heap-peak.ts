/**
 * Wall time and peak memory of one call, in a process started with --expose-gc.
 *
 * Peak memory is the V8 heap in use plus external memory (Buffers, ArrayBuffers), above what was in use after a full
 * collection right before the call. It is exact at the points where it can peak: between two collections memory in
 * use only grows (allocation), so its maximum is either just before a collection or at the end of the call, and
 * v8.GCProfiler records the heap statistics before every collection that happens during the call. Sampling
 * process.memoryUsage() on a timer could not do this: the work under test is synchronous, no timer fires during it.
 * Garbage counts until a collection reclaims it, so the peak is the memory the process needed under V8's own
 * collection schedule, not the largest live set.
 */
import { performance } from 'node:perf_hooks';
import { GCProfiler, GCProfilerResult, getHeapStatistics } from 'node:v8';

type Gc = () => void;

function collector(): Gc {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (typeof gc !== 'function') throw new Error('start node with --expose-gc to measure memory');
  return gc;
}

/** Two full collections: the second reclaims what the first only finalised. */
export function collectGarbage(): void {
  const gc = collector();
  gc();
  gc();
}

function inUse(): number {
  const stats = getHeapStatistics();
  return stats.used_heap_size + stats.external_memory;
}

/** Milliseconds `fn` takes, starting from a collected heap so that earlier garbage is not collected on its time. */
export async function timeOf(fn: () => unknown): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Peak bytes in use while `fn` runs, above the collected heap before it. What `fn` returns counts: it is still in the
 * heap when the end is measured (garbage too is counted until a collection reclaims it).
 */
export async function peakBytesOf(fn: () => unknown): Promise<number> {
  collectGarbage();
  const baseline = inUse();
  const profiler = new GCProfiler();
  profiler.start();
  let atEnd: number;
  let statistics: GCProfilerResult['statistics'];
  try {
    await fn();
  } finally {
    atEnd = inUse();
    statistics = profiler.stop().statistics;
  }
  const beforeCollections = statistics.map((s) => s.beforeGC.heapStatistics.usedHeapSize + s.beforeGC.heapStatistics.externalMemory);
  return Math.max(atEnd, ...beforeCollections) - baseline;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

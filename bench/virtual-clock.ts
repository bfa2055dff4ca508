import { Clock } from '../runtime/progress';

/** Virtual time for the simulation: `sleep` moves the clock forward instead of waiting. */
export class VirtualClock implements Clock {
  constructor(private nowMs = 0) {}

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}

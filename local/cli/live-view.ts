import { styleText } from 'node:util';
import { createLogUpdate } from 'log-update';
import type { StackEvent } from '../engine/deploy/stack-events';
import type { Terminal } from './io';
import { renderFrame } from './live-frame';
import type { ProgressDisplay } from './progress-display';
import { isFailed, isInProgress, StackProgress } from './stack-progress';

// Elapsed times tick while a handler waits between polls and no event arrives.
const TICK_MS = 1000;

/**
 * The terminal view of a running operation: one line per resource, redrawn in place (log-update) on every event and
 * every second. On close the last frame is printed whole, so the scrollback keeps every resource's final status.
 */
export class LiveView implements ProgressDisplay {
  private readonly progress: StackProgress;
  private readonly update: ReturnType<typeof createLogUpdate>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    stackName: string,
    private readonly terminal: Terminal,
  ) {
    this.progress = new StackProgress(stackName);
    this.update = createLogUpdate(terminal);
    this.timer = setInterval(() => this.draw(), TICK_MS);
    // A deploy that ends does not wait for the next tick.
    this.timer.unref();
  }

  event(event: StackEvent): void {
    this.progress.apply(event);
    this.draw();
  }

  close(): void {
    clearInterval(this.timer);
    this.update.clear();
    this.update.done();
    this.terminal.write(`${this.frame(undefined)}\n`);
  }

  private draw(): void {
    this.update(this.frame(this.terminal.rows));
  }

  private frame(height: number | undefined): string {
    const paint = (status: string) => {
      const colour = isFailed(status) ? 'red' : isInProgress(status) ? 'yellow' : 'green';
      // styleText leaves the text plain where the terminal or NO_COLOR says colours are off.
      return styleText(colour, status, { stream: this.terminal as NodeJS.WriteStream });
    };
    return renderFrame(this.progress, { width: this.terminal.columns ?? 80, height, now: new Date(), paint });
  }
}

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const WORKER = join(__dirname, 'function-worker.cjs');

/** What an invocation tells the function about itself (a LambdaContext without its method, which a worker cannot receive). */
export interface SandboxContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly invokedFunctionArn: string;
  /** Epoch milliseconds at which the invocation times out. */
  readonly deadline: number;
}

export interface SandboxCode {
  readonly file: string;
  readonly module: string;
  readonly exportName: string;
  readonly env: Readonly<Record<string, string>>;
}

function errorFrom(error: { name?: string; message?: string; stack?: string }): Error {
  return Object.assign(new Error(error.message ?? 'the function failed'), { name: error.name ?? 'Error', stack: error.stack });
}

/**
 * A function's execution environment: a worker thread, so each function has its own environment variables, a
 * timed-out invocation can be stopped, and a stray error ends the sandbox instead of the daemon. It loads the
 * module once; a changed module or configuration gets a new sandbox.
 */
export class FunctionSandbox {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  private ended?: Error;

  constructor(readonly version: string, code: SandboxCode) {
    this.worker = new Worker(WORKER, { workerData: code, env: { ...code.env }, stdout: false, stderr: false });
    this.worker.on('message', ({ id, result, error }: { id: number; result?: string; error?: { name?: string; message?: string } }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(errorFrom(error));
      else waiting?.resolve(JSON.parse(result ?? 'null'));
    });
    this.worker.on('error', (err) => this.end(err));
    this.worker.on('exit', (code) => this.end(new Error(`the function's sandbox exited with code ${code}`)));
  }

  /** False once the worker failed or exited: the caller makes a new sandbox. */
  get usable(): boolean {
    return this.ended === undefined;
  }

  /** Runs one invocation, failing it as Lambda does after `timeoutSeconds`. */
  invoke(event: unknown, about: Omit<SandboxContext, 'deadline'>, timeoutSeconds: number): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    const context: SandboxContext = { ...about, deadline: Date.now() + timeoutSeconds * 1000 };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda stops the environment of a timed-out invocation; so does this.
        this.end(Object.assign(new Error(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`), { name: 'Sandbox.Timedout' }));
      }, timeoutSeconds * 1000);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage({ id, event, context });
    });
  }

  private end(error: Error): void {
    if (!this.ended) this.ended = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    void this.worker.terminate();
  }

  async close(): Promise<void> {
    this.end(new Error('the sandbox was closed'));
  }
}

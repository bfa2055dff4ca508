import { Console } from 'node:console';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

/** The cfn library's BaseResource members that hold the console it writes the Lambda log to (1.0.6 names them so). */
interface LibLoggers {
  lambdaLogger?: unknown;
  platformLambdaLogger?: { logger?: unknown };
}

/**
 * Handler logs of in-process bundles, one file per type under `<stateDir>/logs`, where Lambda would send them to
 * CloudWatch Logs: the cfn library writes every invocation's log to `console`, which in the engine's process is the
 * CLI's own output (and `orch deploy --json` promises one JSON document on stdout).
 */
export class HandlerLogs {
  private readonly streams: WriteStream[] = [];

  constructor(private readonly dir: string) {}

  /** Points the bundle's resource at `<dir>/<name>.log`; returns the file, or undefined when the resource is not of the known shape. */
  redirect(bundle: { resource?: unknown }, name: string): string | undefined {
    const resource = bundle.resource as LibLoggers | undefined;
    if (!resource || resource.lambdaLogger !== console || resource.platformLambdaLogger?.logger !== console) return undefined;
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${name}.log`);
    const stream = createWriteStream(file, { flags: 'a' });
    this.streams.push(stream);
    const log = new Console({ stdout: stream, stderr: stream });
    resource.lambdaLogger = log;
    resource.platformLambdaLogger.logger = log;
    return file;
  }

  async close(): Promise<void> {
    await Promise.all(this.streams.splice(0).map((stream) => new Promise<void>((resolve) => stream.end(resolve))));
  }
}

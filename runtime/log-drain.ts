import { BaseResource, CloudWatchLogPublisher } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { version as LIB_VERSION } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/package.json';

/**
 * Two fixed pauses of the cfn library, on every invocation:
 * - it ends every invocation with `waitRunningProcesses`: it logs a line, sleeps a fixed second, then waits until its
 *   logger proxies have delivered every line (`LoggerProxy.waitCompletion`, which counts submitted against completed
 *   deliveries). The wait alone already guarantees delivery. `drainLogs` is that method without the sleep.
 * - when CloudFormation sends a log group (a type registered with a LoggingConfig), it sends each line in a
 *   PutLogEvents call of its own, one after the other, each after a fixed 0.25 s pause
 *   (`CloudWatchLogPublisher.putLogEvents`): about 1.5 s for the six lines it logs itself. CloudWatch Logs dropped
 *   the five-requests-per-second quota per log stream and the sequence tokens that pause kept to, so
 *   `putLogEventsUnpaced` sends the same request without it, still in order.
 *
 * Both rest on the methods' exact shape in the library version they were written against, so the module refuses to
 * load (every invocation fails, naming the version) if an upgrade changes them; test/runtime/log-drain.test.ts pins
 * them too.
 */
export const WRITTEN_FOR_LIB_VERSION = '1.0.6';

/** The line the library logs before it waits; the bench's cold probe takes it as "the response is ready". */
export const WAIT_LINE = 'Waiting for logger proxy processes to finish...';
const DONE_LINE = 'Log delivery completed.';

interface Tracked {
  waitCompletion(): Promise<boolean>;
  log(message: unknown, ...optional: unknown[]): void;
}

/** The private members of BaseResource that waitRunningProcesses uses, as resource.js 1.0.6 names them. */
interface LibResource {
  log(message: unknown, ...optional: unknown[]): void;
  readonly loggerProxy?: Tracked;
  readonly platformLoggerProxy: Tracked;
  readonly workerPool?: { readonly completed: number; readonly duration: number; shutdown(): Promise<void> };
}

/** What a library method touches: `this.<member>` reads and `.<name>(` calls, string contents ignored. */
export function shapeOf(source: string): { members: string[]; calls: string[] } {
  const code = source.replace(/`(?:\\[\s\S]|[^`\\])*`|"(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'/g, '""');
  const sorted = (matches: IterableIterator<RegExpMatchArray>) => [...new Set([...matches].map((m) => m[1]))].sort();
  return { members: sorted(code.matchAll(/this\.(\w+)/g)), calls: sorted(code.matchAll(/\.(\w+)\)?\(/g)) };
}

interface Shape {
  readonly members: string[];
  readonly calls: string[];
  /** The fixed pause itself, e.g. `(0, utils_1.delay)(1)`, minified `(0,x.delay)(1)`. */
  readonly pause: RegExp;
  /** Strings it must still hold. */
  readonly strings: string[];
}

/**
 * Any member or call added or removed by an upgrade changes one of the sets, so a step the replacement would skip
 * cannot slip in unnoticed.
 */
export const REPLACED: Record<'waitRunningProcesses' | 'putLogEvents', Shape> = {
  waitRunningProcesses: {
    members: ['log', 'loggerProxy', 'platformLoggerProxy', 'workerPool'],
    calls: ['delay', 'log', 'shutdown', 'waitCompletion'],
    pause: /\.delay\)\(1\)/,
    strings: [WAIT_LINE, DONE_LINE],
  },
  putLogEvents: {
    members: ['client', 'logGroupName', 'logStreamName', 'platformLogger'],
    calls: ['delay', 'log', 'makeRequestPromise', 'stringify'],
    pause: /\.delay\)\(0?\.25\)/,
    strings: ['putLogEvents', 'X-Amzn-Logs-Format', 'json/emf'],
  },
};

/** Throws, naming the library version, unless `method` is the library's `name` as the replacement expects it. */
export function assertReplaceable(name: keyof typeof REPLACED, method: unknown, libVersion: string): void {
  const expected = REPLACED[name];
  const problem = (() => {
    if (typeof method !== 'function') return `${name} is missing`;
    const source = Function.prototype.toString.call(method);
    const shape = shapeOf(source);
    const differs = (key: 'members' | 'calls') => shape[key].join() !== expected[key].join();
    if (differs('members')) return `it uses this.{${shape.members.join(', ')}}, expected this.{${expected.members.join(', ')}}`;
    if (differs('calls')) return `it calls ${shape.calls.join(', ')}, expected ${expected.calls.join(', ')}`;
    if (!expected.pause.test(source)) return `it no longer pauses as ${expected.pause.source} did`;
    const missing = expected.strings.find((text) => !source.includes(text));
    if (missing) return `it no longer holds '${missing}'`;
    return undefined;
  })();
  if (problem) {
    throw new Error(
      `cloudformation-cli-typescript-lib ${libVersion}: ${name} is not the method runtime/log-drain.ts replaces ` +
        `(written for ${WRITTEN_FOR_LIB_VERSION}): ${problem}. Compare the library's dist/ with runtime/log-drain.ts before upgrading.`,
    );
  }
}

/**
 * waitRunningProcesses without the fixed second: every line logged so far is delivered before the invocation
 * returns. The closing line goes to the Lambda log only: a line about the delivery cannot be part of it without
 * another round of delivery, and the library never waited for it either.
 */
async function drainLogs(this: LibResource): Promise<void> {
  this.log(WAIT_LINE);
  if (this.workerPool) {
    this.log(`Prepare worker pool for shutdown.\tNumber of completed tasks: ${this.workerPool.completed}\tLength of time since instance was created: ${this.workerPool.duration} ms`);
  }
  if (this.loggerProxy) await this.loggerProxy.waitCompletion();
  await this.platformLoggerProxy.waitCompletion();
  this.platformLoggerProxy.log(DONE_LINE);
  if (this.workerPool) await this.workerPool.shutdown();
}

/** The members of CloudWatchLogPublisher that putLogEvents uses, as log-delivery.js 1.0.6 names them. */
interface LibLogPublisher {
  readonly client: { makeRequestPromise(operation: string, input: object, headers?: Record<string, string>): Promise<any> };
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly platformLogger: { log(message: unknown, ...optional: unknown[]): void };
}

/** CloudWatchLogPublisher.putLogEvents without the fixed 0.25 s pause before each call. */
async function putLogEventsUnpaced(this: LibLogPublisher, record: { message: string; timestamp: number }, sequenceToken?: string | null): Promise<string | null> {
  const response = await this.client.makeRequestPromise(
    'putLogEvents',
    { logGroupName: this.logGroupName, logStreamName: this.logStreamName, logEvents: [record], sequenceToken },
    { 'X-Amzn-Logs-Format': 'json/emf' },
  );
  this.platformLogger.log('Response from "putLogEvents"', response);
  if (response?.rejectedLogEventsInfo) throw new Error(JSON.stringify(response.rejectedLogEventsInfo));
  return response?.nextSequenceToken || null;
}

const publisherPrototype = CloudWatchLogPublisher.prototype as unknown as Record<string, unknown>;

/** The library's own methods, as loaded, before anything here replaced them. */
export const LIBRARY_METHODS = {
  waitRunningProcesses: (BaseResource.prototype as unknown as Record<string, unknown>).waitRunningProcesses,
  putLogEvents: publisherPrototype.putLogEvents,
} as const;

for (const [name, method] of Object.entries(LIBRARY_METHODS)) assertReplaceable(name as keyof typeof REPLACED, method, LIB_VERSION);

/**
 * Installs `drainLogs` as `waitRunningProcesses` of `resourceClass`, a subclass of the library's BaseResource, and
 * `putLogEventsUnpaced` on the library's CloudWatchLogPublisher (the library builds those itself, one per invocation).
 */
export function withoutLogPauses<C extends abstract new (...args: any[]) => BaseResource<any>>(resourceClass: C): C {
  Object.defineProperty(resourceClass.prototype, 'waitRunningProcesses', { value: drainLogs, writable: true, configurable: true });
  Object.defineProperty(publisherPrototype, 'putLogEvents', { value: putLogEventsUnpaced, writable: true, configurable: true });
  return resourceClass;
}

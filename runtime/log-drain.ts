import { BaseResource } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { version as LIB_VERSION } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/package.json';

/**
 * The cfn library ends every invocation with `waitRunningProcesses`: it logs a line, sleeps a fixed second, then
 * waits until its logger proxies have delivered every line (`LoggerProxy.waitCompletion`, which counts submitted
 * against completed deliveries). The wait alone already guarantees delivery, so the second is pure latency on every
 * create, read, update, delete and list. `drainLogs` is that method without the sleep.
 *
 * It rests on the method's exact shape in the library version it was written against, so the module refuses to load
 * (every invocation fails, naming the version) if an upgrade changes it; test/runtime/log-drain.test.ts pins it too.
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

/**
 * What the library's method touches: `this.<member>` reads and `.<name>(` calls, string contents ignored. Any
 * member or call added or removed by an upgrade changes one of these sets.
 */
const EXPECTED_SHAPE = {
  members: ['log', 'loggerProxy', 'platformLoggerProxy', 'workerPool'],
  calls: ['delay', 'log', 'shutdown', 'waitCompletion'],
  /** The fixed sleep itself: `(0, utils_1.delay)(1)`, minified `(0,x.delay)(1)`. */
  sleep: /\.delay\)\(1\)/,
  lines: [WAIT_LINE, DONE_LINE],
};

export function shapeOf(source: string): { members: string[]; calls: string[] } {
  const code = source.replace(/`(?:\\[\s\S]|[^`\\])*`|"(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'/g, '""');
  const sorted = (matches: IterableIterator<RegExpMatchArray>) => [...new Set([...matches].map((m) => m[1]))].sort();
  return { members: sorted(code.matchAll(/this\.(\w+)/g)), calls: sorted(code.matchAll(/\.(\w+)\)?\(/g)) };
}

/** Throws, naming the library version, unless `method` is the waitRunningProcesses `drainLogs` replaces. */
export function assertReplaceable(method: unknown, libVersion: string): void {
  const problem = (() => {
    if (typeof method !== 'function') return 'BaseResource.prototype.waitRunningProcesses is missing';
    const source = Function.prototype.toString.call(method);
    const shape = shapeOf(source);
    const differs = (key: 'members' | 'calls') => shape[key].join() !== EXPECTED_SHAPE[key].join();
    if (differs('members')) return `it uses this.{${shape.members.join(', ')}}, expected this.{${EXPECTED_SHAPE.members.join(', ')}}`;
    if (differs('calls')) return `it calls ${shape.calls.join(', ')}, expected ${EXPECTED_SHAPE.calls.join(', ')}`;
    if (!EXPECTED_SHAPE.sleep.test(source)) return 'it no longer sleeps one second';
    const missing = EXPECTED_SHAPE.lines.find((line) => !source.includes(line));
    if (missing) return `it no longer logs '${missing}'`;
    return undefined;
  })();
  if (problem) {
    throw new Error(
      `cloudformation-cli-typescript-lib ${libVersion}: waitRunningProcesses is not the method runtime/log-drain.ts replaces ` +
        `(written for ${WRITTEN_FOR_LIB_VERSION}): ${problem}. Compare the library's dist/resource.js with runtime/log-drain.ts before upgrading.`,
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

assertReplaceable((BaseResource.prototype as unknown as Record<string, unknown>).waitRunningProcesses, LIB_VERSION);

/** Installs `drainLogs` as `waitRunningProcesses` of `resourceClass`, a subclass of the library's BaseResource. */
export function withoutFixedLogWait<C extends abstract new (...args: any[]) => BaseResource<any>>(resourceClass: C): C {
  Object.defineProperty(resourceClass.prototype, 'waitRunningProcesses', { value: drainLogs, writable: true, configurable: true });
  return resourceClass;
}

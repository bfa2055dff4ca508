import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BaseResource,
  ProgressEvent,
  ResourceHandlerRequest,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import CloudWatchLogs from 'aws-sdk/clients/cloudwatchlogs';
import { transformSync } from 'esbuild';
import { CfnDriver } from '../../local/protocol';
import { LOCAL_AWS } from '../../local/local-aws';
import { pointSdkV2At } from '../../local/sdk-v2-endpoint';
import { defineResourceType, ResourceHandlers } from '../../runtime/resource-type';
import { assertReplaceable, LIBRARY_METHODS, WAIT_LINE, WRITTEN_FOR_LIB_VERSION } from '../../runtime/log-drain';

const LIB_DIR = join(__dirname, '../../node_modules/@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib');
const libMethod = LIBRARY_METHODS.waitRunningProcesses as (...args: unknown[]) => unknown;
const libPutLogEvents = LIBRARY_METHODS.putLogEvents as (...args: unknown[]) => unknown;
const squeeze = (source: string) => source.replace(/\s+/g, ' ').trim();

describe('the library methods log-drain.ts replaces', () => {
  test(`are pinned: cloudformation-cli-typescript-lib ${WRITTEN_FOR_LIB_VERSION}, waitRunningProcesses and putLogEvents as written, the first called at the end of both entrypoints`, () => {
    expect((BaseResource.prototype as unknown as Record<string, unknown>).waitRunningProcesses).toBe(libMethod);
    expect(JSON.parse(readFileSync(join(LIB_DIR, 'package.json'), 'utf8')).version).toBe(WRITTEN_FOR_LIB_VERSION);
    expect(squeeze(libMethod.toString())).toBe(
      squeeze(`async waitRunningProcesses() {
        this.log('Waiting for logger proxy processes to finish...');
        if (this.workerPool) {
            this.log(\`Prepare worker pool for shutdown.\\tNumber of completed tasks: \${this.workerPool.completed}\\tLength of time since instance was created: \${this.workerPool.duration} ms\`);
        }
        await (0, utils_1.delay)(1);
        if (this.loggerProxy) {
            await this.loggerProxy.waitCompletion();
        }
        await this.platformLoggerProxy.waitCompletion();
        this.log('Log delivery completed.');
        if (this.workerPool) {
            await this.workerPool.shutdown();
        }
    }`),
    );
    expect(squeeze(libPutLogEvents.toString())).toBe(
      squeeze(`async putLogEvents(record, sequenceToken = undefined) {
        await (0, utils_1.delay)(0.25);
        const response = await this.client.makeRequestPromise('putLogEvents', {
            logGroupName: this.logGroupName,
            logStreamName: this.logStreamName,
            logEvents: [record],
            sequenceToken,
        }, { 'X-Amzn-Logs-Format': 'json/emf' });
        this.platformLogger.log('Response from "putLogEvents"', response);
        if (response?.rejectedLogEventsInfo) {
            throw new Error(JSON.stringify(response.rejectedLogEventsInfo));
        }
        return response?.nextSequenceToken || null;
    }`),
    );
    // Both entrypoints reach the method through `this`, so the subclass's replacement is what runs; the publisher
    // calls its putLogEvents through `this` too.
    const resourceJs = readFileSync(join(LIB_DIR, 'dist', 'resource.js'), 'utf8');
    expect(resourceJs.match(/await this\.waitRunningProcesses\(\);/g)).toHaveLength(2);
    const logDeliveryJs = readFileSync(join(LIB_DIR, 'dist', 'log-delivery.js'), 'utf8');
    expect(logDeliveryJs.match(/this\.putLogEvents\(/g)).toHaveLength(1);
  });

  test.each([
    ['waitRunningProcesses', libMethod],
    ['putLogEvents', libPutLogEvents],
  ] as const)('%s passes the load check as shipped and as esbuild minifies it into a handler bundle', (name, method) => {
    expect(() => assertReplaceable(name, method, WRITTEN_FOR_LIB_VERSION)).not.toThrow();
    const minified = transformSync(`module.exports = class { ${method.toString()} }`, { minify: true, format: 'cjs' }).code;
    const Minified = new Function('module', 'utils_1', `${minified}; return module.exports;`)({}, {});
    expect(() => assertReplaceable(name, Minified.prototype[name], WRITTEN_FOR_LIB_VERSION)).not.toThrow();
  });

  test.each<[string, unknown, RegExp]>([
    ['a missing method', undefined, /waitRunningProcesses is missing/],
    [
      'a method that does one more thing',
      async function waitRunningProcesses(this: any) {
        this.log('Waiting for logger proxy processes to finish...');
        await this.metricsPublisherProxy.flush();
        await this.loggerProxy.waitCompletion();
        await this.platformLoggerProxy.waitCompletion();
        this.log('Log delivery completed.');
      },
      /this\.\{log, loggerProxy, metricsPublisherProxy, platformLoggerProxy\}/,
    ],
    [
      'a method without the fixed sleep',
      async function waitRunningProcesses(this: any) {
        this.log('Waiting for logger proxy processes to finish...');
        if (this.workerPool) this.log(`${this.workerPool.completed}`);
        await (0, utils.delay)(0.5);
        if (this.loggerProxy) await this.loggerProxy.waitCompletion();
        await this.platformLoggerProxy.waitCompletion();
        this.log('Log delivery completed.');
        if (this.workerPool) await this.workerPool.shutdown();
      },
      /no longer pauses/,
    ],
  ])('fails the load check, naming the library version, for %s', (_name, method, says) => {
    expect(() => assertReplaceable('waitRunningProcesses', method, '9.9.9')).toThrow(/^cloudformation-cli-typescript-lib 9\.9\.9: waitRunningProcesses .*written for 1\.0\.6/);
    expect(() => assertReplaceable('waitRunningProcesses', method, '9.9.9')).toThrow(says);
  });
});

declare const utils: { delay(seconds: number): Promise<void> };

describe('log delivery without the fixed pauses, against moto CloudWatch Logs', () => {
  const TYPE_NAME = 'Orch::Test::LogLines';
  const LINES = 100;
  let restore: () => void;

  beforeAll(() => {
    restore = pointSdkV2At(process.env.AWS_ENDPOINT_URL!);
  });
  afterAll(() => restore());

  test(`every line a handler logs is in the log stream when the invocation returns (${LINES} lines)`, async () => {
    const logLines = (async (_session, request: ResourceHandlerRequest<any>, _cb, _typeConfiguration, logger) => {
      for (let i = 1; i <= LINES; i++) logger!.log(`handler line ${i} of ${LINES}`);
      return ProgressEvent.success(request.desiredResourceState);
    }) as ResourceHandlers['read'];
    const schema = { typeName: TYPE_NAME, properties: { Id: { type: 'string' } }, additionalProperties: false, primaryIdentifier: ['/properties/Id'] };
    const { entrypoint } = defineResourceType(TYPE_NAME, schema, { create: logLines, update: logLines, delete: logLines, read: logLines, list: logLines });
    const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: ['Id'] });
    const logGroup = `orch-log-drain-${Date.now()}`;
    const request = driver.request('READ', 'Logged', { resourceProperties: { Id: 'one' }, providerCredentials: { ...LOCAL_AWS.credentials }, providerLogGroupName: logGroup });

    const response = await entrypoint(request, { awsRequestId: 'log-drain' });
    const events = await new CloudWatchLogs({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials })
      .getLogEvents({ logGroupName: logGroup, logStreamName: `${driver.stackId}/Logged`.replace(/:/g, '__'), startFromHead: true })
      .promise();

    expect(response.status).toBe('SUCCESS');
    const messages = (events.events ?? []).map((e) => e.message);
    const handlerLines = messages.filter((m) => m?.startsWith('handler line '));
    expect(handlerLines).toEqual(Array.from({ length: LINES }, (_, i) => `handler line ${i + 1} of ${LINES}`));
    // The library's own lines up to the wait arrive too, in order, the wait line last.
    expect(messages.filter((m) => /^(START|END|REPORT) RequestId: log-drain/.test(m ?? ''))).toHaveLength(3);
    expect(messages[messages.length - 1]).toBe(WAIT_LINE);
  });
});

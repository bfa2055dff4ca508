import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, request, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LOCAL_AWS } from './local-aws';

/** A Lambda handler: an event in, a JSON-serialisable result (or a rejection) out. */
export type LambdaHandler = (event: any, context: LambdaContext) => Promise<unknown>;

/** A function with its configuration, for handlers that read it (GetFunctionConfiguration). */
export interface LocalFunction {
  readonly handler: LambdaHandler;
  /** The function's configured timeout in seconds; Lambda's default is 3. */
  readonly timeoutSeconds?: number;
}

export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  getRemainingTimeInMillis(): number;
}

export interface LambdaEndpoint {
  /** `http://127.0.0.1:<port>`: give it to `cfn test --endpoint` or to an SDK client as its Lambda endpoint. */
  readonly url: string;
  /** Names and bodies of every invocation, in order. */
  readonly invocations: Array<{ functionName: string; payload: unknown }>;
  close(): Promise<void>;
}

/** Where the endpoint finds a function by name: a fixed record, or a lookup run at each request (a folder that changes). */
export type FunctionSource = Readonly<Record<string, LambdaHandler | LocalFunction>> | ((name: string) => LocalFunction | undefined);

export interface LambdaEndpointOptions {
  /** @default 0, a free port */
  readonly port?: number;
  /**
   * A Lambda API to forward every other request to (CreateFunction, GetFunction, an Invoke of a function not served
   * here, ...): the local AWS stores functions but cannot run them, so one endpoint can be everyone's
   * AWS_ENDPOINT_URL_LAMBDA. Without it, only Invoke and GetFunctionConfiguration of served functions are answered.
   */
  readonly upstream?: string;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const CONFIGURATION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/;

/**
 * The function name in any form Lambda accepts: `name`, `name:qualifier`, `123456789012:function:name[:qualifier]`
 * or a full ARN, qualified or not.
 */
export function functionNameOf(reference: string): string {
  const afterFunction = reference.split(':function:')[1];
  return (afterFunction ?? reference).split(':')[0];
}

/**
 * The Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`) on loopback, answering from in-process
 * handlers, plus GetFunctionConfiguration (`GET /2015-03-31/functions/{name}/configuration`) for the timeout.
 * Like Lambda, it runs one invocation of a function at a time (the cfn library's resource object keeps
 * per-invocation state), and reports a handler that throws as a function error, not an HTTP error. With `upstream`,
 * everything else goes to that Lambda API.
 */
export async function startLambdaEndpoint(functions: FunctionSource, options: number | LambdaEndpointOptions = {}): Promise<LambdaEndpoint> {
  const { port = 0, upstream } = typeof options === 'number' ? { port: options } : options;
  const queues = new Map<string, Promise<unknown>>();
  const invocations: LambdaEndpoint['invocations'] = [];
  const find = (name: string): LocalFunction | undefined => {
    const fn = typeof functions === 'function' ? functions(name) : functions[name];
    return fn === undefined ? undefined : typeof fn === 'function' ? { handler: fn } : fn;
  };
  const lookup = (reference: string): (LocalFunction & { name: string }) | undefined => {
    for (const name of [reference, functionNameOf(reference)]) {
      const fn = find(name);
      if (fn) return { name, ...fn };
    }
    return undefined;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split('?')[0] ?? '';
    const invoked = req.method === 'POST' ? INVOKE_PATH.exec(path) : null;
    // The upstream holds each function's real configuration; only an Invoke of a served function is answered here.
    if (upstream && invoked && !lookup(decodeURIComponent(invoked[1]))) return notRunnable(req, res, upstream, functionNameOf(decodeURIComponent(invoked[1])));
    if (upstream && !invoked) return forward(req, res, upstream);
    const configuration = req.method === 'GET' ? CONFIGURATION_PATH.exec(path) : null;
    if (configuration) {
      const fn = lookup(decodeURIComponent(configuration[1]));
      if (!fn) return notFound(res, decodeURIComponent(configuration[1]));
      const arn = `arn:aws:lambda:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:function:${fn.name}`;
      return reply(res, 200, { FunctionName: fn.name, FunctionArn: arn, Runtime: 'nodejs24.x', Timeout: fn.timeoutSeconds ?? 3, MemorySize: 128, State: 'Active', Version: '$LATEST' }, {});
    }
    if (!invoked) return reply(res, 404, { message: `No route for ${req.method} ${req.url}` }, { 'x-amzn-ErrorType': 'ResourceNotFoundException' });
    const fn = lookup(decodeURIComponent(invoked[1]));
    if (!fn) return notFound(res, decodeURIComponent(invoked[1]));
    const { name, handler } = fn;
    const body = await readBody(req);
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body) : {};
    } catch {
      return reply(res, 400, { Type: 'User', message: 'Could not parse request body into json' }, { 'x-amzn-ErrorType': 'InvalidRequestContentException' });
    }
    const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    // Lambda checks a DryRun's permissions and runs nothing.
    if (invocationType === 'DryRun') return reply(res, 204, null, {});
    invocations.push({ functionName: name, payload });
    const previous = queues.get(name) ?? Promise.resolve();
    const run = previous.then(() => invoke(handler, name, payload));
    queues.set(name, run.catch(() => undefined));
    // An Event invocation is queued and answered at once; its result goes nowhere, as Lambda's does without a destination.
    if (invocationType === 'Event') return reply(res, 202, null, { 'x-amzn-RequestId': randomUUID() });
    const outcome = await run;
    reply(res, 200, outcome.body, { 'x-amzn-RequestId': outcome.requestId, ...(outcome.error ? { 'X-Amz-Function-Error': 'Unhandled' } : {}) });
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err) => reply(res, 500, { message: String(err) }, { 'x-amzn-ErrorType': 'ServiceException' }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    invocations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function invoke(handler: LambdaHandler, functionName: string, payload: unknown): Promise<{ body: unknown; error: boolean; requestId: string }> {
  const deadline = Date.now() + 15 * 60_000;
  const context: LambdaContext = {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  try {
    return { body: (await handler(payload, context)) ?? null, error: false, requestId: context.awsRequestId };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { body: { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') }, error: true, requestId: context.awsRequestId };
  }
}

/** Sends the request on unchanged (its Host header too, which the SigV4 signature covers) and streams the answer back. */
function forward(req: IncomingMessage, res: ServerResponse, upstream: string): Promise<void> {
  const target = new URL(req.url ?? '/', upstream);
  return new Promise((resolve) => {
    const outgoing = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
    });
    outgoing.on('error', (err) => {
      reply(res, 502, { message: `the Lambda API at ${upstream} did not answer: ${err.message}` }, { 'x-amzn-ErrorType': 'ServiceException' });
      resolve();
    });
    req.pipe(outgoing);
  });
}

/**
 * An Invoke of a function this endpoint does not serve. moto cannot run it without Docker, and answers such an Invoke
 * with its Docker error as if it were the function's result; so a function the upstream stores fails here as a
 * function error that says why, and one it does not know is ResourceNotFound.
 */
async function notRunnable(req: IncomingMessage, res: ServerResponse, upstream: string, name: string): Promise<void> {
  await readBody(req);
  const signed = ['host', 'authorization', 'x-amz-date', 'x-amz-security-token'];
  const headers = Object.fromEntries(signed.filter((h) => req.headers[h] !== undefined).map((h) => [h, String(req.headers[h])]));
  let stored: boolean;
  try {
    stored = (await fetch(new URL(`/2015-03-31/functions/${encodeURIComponent(name)}/configuration`, upstream), { headers })).ok;
  } catch (err) {
    return reply(res, 502, { message: `the Lambda API at ${upstream} did not answer: ${(err as Error).message}` }, { 'x-amzn-ErrorType': 'ServiceException' });
  }
  if (!stored) return notFound(res, name);
  const message = `${name} is stored in the local AWS, but only a function with inline Node.js code (Code.ZipFile) runs locally`;
  reply(res, 200, { errorType: 'Orch.NotRunnableLocally', errorMessage: message }, { 'X-Amz-Function-Error': 'Unhandled' });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function notFound(res: ServerResponse, reference: string): void {
  const arn = `arn:aws:lambda:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:function:${functionNameOf(reference)}`;
  reply(res, 404, { Type: 'User', message: `Function not found: ${arn}` }, { 'x-amzn-ErrorType': 'ResourceNotFoundException' });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = status === 202 || status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'X-Amz-Executed-Version': '$LATEST', ...headers });
  res.end(text);
}

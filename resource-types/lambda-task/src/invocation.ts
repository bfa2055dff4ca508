import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  Attributes,
  firstLine,
  INVOCATION_BUDGET_SECONDS,
  invalidRequest,
  InvalidRequestError,
  jsonProperty,
  mapAwsError,
  Outcome,
  outputDepthOf,
  outputTree,
  runAtMostOnce,
  withSelectedOutputs,
  WorkContext,
} from '../../../runtime';
import schema from '../orch-lambda-task.json';
import { ResourceProperties } from './models';

export const OUTPUT_DEPTH = outputDepthOf(schema);

/**
 * Lambda's init phase of a cold function, up to 10 s, is not counted in its configured timeout, so the handler
 * allows for it on top of the timeout.
 */
const INIT_ALLOWANCE_SECONDS = 10;

/**
 * The longest configured function timeout whose invocation fits one handler invocation: the 60-second budget less
 * the init allowance and 5 s for the configuration look-up, the task-record writes and the library's log drain.
 */
export const MAX_FUNCTION_TIMEOUT_SECONDS = INVOCATION_BUDGET_SECONDS.mutating - INIT_ALLOWANCE_SECONDS - 5;

/** `Result` holds the returned JSON up to this length; the task record keeps it twice (model, last good run). */
export const RESULT_MAX_CHARS = 32_768;

const MESSAGE_MAX_CHARS = 1_000;

/** The event as the JSON text Lambda takes: objects are serialised, strings must already hold JSON. */
export function invocationPayload(payload: unknown): string {
  if (payload === undefined) return '{}';
  return JSON.stringify(jsonProperty(payload, 'Payload'));
}

type Attrs = Attributes<ResourceProperties>;

/**
 * One synchronous Invoke per request: Lambda takes no idempotency token, so the lifecycle claims the run before
 * the call, and its outcome (known when Invoke returns, or unknown for good) is what every re-send reports.
 */
export const invocation = runAtMostOnce<ResourceProperties>({
  rerunOn: ['FunctionName', 'Payload', 'OutputPaths', 'Expose', 'RunToken'],

  rerunAdvice: 'Change RunToken to run it again.',

  async run(ctx) {
    const functionName = ctx.props.FunctionName;
    const payload = invocationPayload(ctx.props.Payload);
    const configuration = await functionConfiguration(ctx, functionName);
    const timeout = configuration.Timeout ?? 3;
    if (timeout > MAX_FUNCTION_TIMEOUT_SECONDS) {
      throw invalidRequest(
        `FunctionName: function '${functionName}' has a timeout of ${timeout} s, longer than the ${MAX_FUNCTION_TIMEOUT_SECONDS} s one ` +
          'handler invocation can wait for its answer. Run it from an Orch::StepFunctions::Task instead: a state machine with one ' +
          'Task state on arn:aws:states:::lambda:invoke waits up to the 15-minute Lambda maximum, and the task follows it.',
      );
    }
    // One attempt only: a repeated Invoke is a second run of the function. The request may wait as long as the function may run.
    const lambda = ctx.clients.get(LambdaClient, { maxAttempts: 1, requestTimeoutMs: (timeout + INIT_ALLOWANCE_SECONDS + 2) * 1000 });
    let res;
    try {
      res = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(payload) }));
    } catch (err) {
      if (answeredBeforeRunning(err)) throw mapInvokeError(err, functionName);
      const e = err as { name?: string; code?: string; message?: string };
      return failed(
        `FunctionName: the invocation of function '${functionName}' ended before its answer arrived (${e.name ?? e.code}: ${firstLine(e.message)}); ` +
          'the function may or may not have run, and it is not invoked again. Change RunToken to invoke it again.',
      );
    }
    const attributes: Attrs = { FunctionArn: configuration.FunctionArn, ExecutedVersion: res.ExecutedVersion, RequestId: res.$metadata?.requestId };
    const text = Buffer.from(res.Payload ?? new Uint8Array()).toString('utf8');
    if (res.FunctionError) return failed(`Function '${functionName}' failed (${res.FunctionError}): ${functionErrorOf(text)}`, attributes);
    const ran = { what: `the value function '${functionName}' returned`, ran: 'the function ran and succeeded' };
    return withSelectedOutputs({ ...attributes, ...returnedValue(text, ctx.props.OutputPaths) }, ctx.props.Expose, () => returnedDocument(text), ran);
  },
});

function failed(message: string, attributes: Attrs = {}): Outcome<ResourceProperties> {
  return { ok: false, message, attributes };
}

/** `Output` and `Result` from the returned payload; a payload that is not JSON (a custom runtime's) counts as one string. */
export function returnedValue(text: string, outputPaths: readonly string[] | undefined): Attrs {
  let json = text;
  try {
    JSON.parse(text);
  } catch {
    json = JSON.stringify(text);
  }
  return {
    Output: outputTree(json, outputPaths, OUTPUT_DEPTH),
    Result: json.length <= RESULT_MAX_CHARS ? json : undefined,
  };
}

/** The returned value as `returnedValue` reads it: JSON, or a payload that is not JSON as one string. */
function returnedDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `errorType: errorMessage` from a function error's payload, without the stack trace Lambda sends along. */
export function functionErrorOf(text: string): string {
  let type: unknown;
  let message: unknown = text;
  try {
    ({ errorType: type, errorMessage: message } = JSON.parse(text) ?? {});
  } catch {
    // not JSON: the raw text is the message
  }
  const said = [typeof type === 'string' ? type : undefined, typeof message === 'string' ? oneLine(message) : undefined].filter(Boolean).join(': ');
  return said || 'no error type or message';
}

function oneLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > MESSAGE_MAX_CHARS ? `${flat.slice(0, MESSAGE_MAX_CHARS)}…` : flat;
}

async function functionConfiguration(ctx: WorkContext<ResourceProperties>, functionName: string) {
  try {
    return await ctx.clients.get(LambdaClient).send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  } catch (err) {
    throw mapAwsError(err, { property: 'FunctionName', resource: `function '${functionName}'` });
  }
}

/**
 * Lambda answered with an error status below 500: the request was refused (not found, denied, throttled,
 * malformed), so the function did not run. A 5xx, a reset connection or a timeout leave that unknown.
 */
function answeredBeforeRunning(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status !== undefined && status < 500;
}

const PAYLOAD_ERRORS = new Set(['InvalidRequestContentException', 'RequestTooLargeException', 'UnsupportedMediaTypeException']);

function mapInvokeError(err: unknown, functionName: string) {
  const e = err as { name?: string; message?: string };
  if (PAYLOAD_ERRORS.has(e.name ?? '')) {
    return new InvalidRequestError(`Payload: function '${functionName}' refused the payload (${e.name}: ${firstLine(e.message)})`, err);
  }
  return mapAwsError(err, { property: 'FunctionName', resource: `function '${functionName}'` });
}

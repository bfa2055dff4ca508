import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import {
  Attributes,
  firstLine,
  invalidRequest,
  jsonProperty,
  mapAwsError,
  NETWORK_CODES,
  Outcome,
  outputDepthOf,
  outputTree,
  runAtMostOnce,
  withSelectedOutputs,
  WorkContext,
} from '../../../runtime';
import schema from '../orch-aws-call.json';
import { checkAllowed } from './allowed-actions';
import { concatenatedPages, plainAnswer, withParsedJson } from './answer';
import { AwsSdkCall, ResourceProperties } from './models';
import { resolveCall } from './sdk-client';

export const OUTPUT_DEPTH = outputDepthOf(schema);

/** `Result` holds the answer's JSON up to this length, and `Output` holds the whole answer (no OutputPaths) up to it too. */
export const RESULT_MAX_CHARS = 32_768;

/** What OutputPaths may keep of an answer: the record keeps the model twice, inside its ~250 KB. */
export const OUTPUT_MAX_CHARS = 65_536;

type Attrs = Attributes<ResourceProperties>;
type Property = 'OnCreate' | 'OnUpdate' | 'OnDelete';

/**
 * One SDK call per create, update and delete request, made at most once: the type cannot know which of the
 * thousands of operations it may be asked to make are safe to repeat (a PutItem without a condition is; a
 * SendMessage or StartBuild is not), so every call is treated as one that is not, as the Lambda task's Invoke.
 */
export const awsCall = runAtMostOnce<ResourceProperties>({
  // Every property but the create-only ResourceKey: CloudFormation sends an update only when one changed, and an
  // update makes its call then, as AwsCustomResource does (a changed OnDelete included).
  rerunOn: ['OnCreate', 'OnUpdate', 'OnDelete', 'RunToken'],

  rerunAdvice: 'Change RunToken to make the call again.',

  async run(ctx, _name, action) {
    // An update without OnUpdate makes the create's call again, as CDK's AwsCustomResource does.
    const property: Property = action === 'update' && ctx.props.OnUpdate ? 'OnUpdate' : 'OnCreate';
    const call = ctx.props[property];
    if (!call) return { ok: true, attributes: {} };
    return makeCall(ctx, property, call);
  },

  async runOnDelete(ctx) {
    const call = ctx.props.OnDelete;
    if (!call) return { ok: true, attributes: {} };
    return makeCall(ctx, 'OnDelete', call);
  },
});

async function makeCall(ctx: WorkContext<ResourceProperties>, property: Property, call: AwsSdkCall): Promise<Outcome<ResourceProperties>> {
  const resolved = resolveCall(property, call);
  const input = callInput(property, call.Parameters);
  const ignored = ignoredErrors(property, call.IgnoreErrorCodesMatching);
  if (call.Paginate && !resolved.paginator) {
    throw invalidRequest(`${property}.Paginate: ${resolved.service} has no paginator for ${resolved.action}; its paginated operations: ${resolved.paginated().join(', ') || 'none'}`);
  }
  // One attempt for a single call: a retried request may be a second call. Paginated reads may retry a page.
  const client = ctx.clients.get(resolved.clientClass, call.Paginate ? {} : { maxAttempts: 1 });
  const iamAction = `${client.config?.defaultSigningName ?? resolved.service}:${resolved.action}`;
  checkAllowed(property, iamAction, ctx.typeConfiguration);
  const subject = `${resolved.service} ${resolved.action}`;

  let answer: Record<string, unknown>;
  let requestId: string | undefined;
  try {
    if (call.Paginate) {
      const pages: Record<string, unknown>[] = [];
      for await (const page of resolved.paginator!({ client }, input)) {
        requestId = metadataOf(page)?.requestId ?? requestId;
        pages.push((await plainAnswer(page)) as Record<string, unknown>);
      }
      answer = concatenatedPages(pages);
    } else {
      const raw = await client.send(new resolved.commandClass(input));
      requestId = metadataOf(raw)?.requestId;
      answer = (await plainAnswer(raw)) as Record<string, unknown>;
    }
  } catch (err) {
    const name = errorName(err);
    if (ignored?.test(name)) return { ok: true, attributes: { IgnoredError: name, RequestId: metadataOf(err)?.requestId } };
    if (certainlyNotMade(err)) throw refused(err, property, subject);
    return {
      ok: false,
      attributes: {},
      message:
        `${property}: the ${subject} call ended before its answer arrived (${name}: ${firstLine((err as Error)?.message)}); ` +
        'it may or may not have been made, and it is not made again. Change RunToken to make it again.',
    };
  }
  if (property === 'OnDelete') return { ok: true, attributes: {} };
  return answerAttributes(property, call, answer, requestId, subject);
}

/** The model's attributes from the answer, or a failed outcome (the call was made) when the output request cannot be met. */
export function answerAttributes(property: Property, call: AwsSdkCall, answer: unknown, requestId: string | undefined, subject: string): Outcome<ResourceProperties> {
  const what = `the answer of ${subject}`;
  const made = 'the call was made and succeeded';
  let document: unknown;
  try {
    document = withParsedJson(answer, call.ParseJson, `${property}.ParseJson`, what);
  } catch (err) {
    if ((err as { errorCode?: string }).errorCode !== HandlerErrorCode.InvalidRequest) throw err;
    return { ok: false, errorCode: HandlerErrorCode.InvalidRequest, message: `${(err as Error).message} (${made})`, attributes: { RequestId: requestId } };
  }
  const json = JSON.stringify(document);
  const attributes: Attrs = { RequestId: requestId, Result: json.length <= RESULT_MAX_CHARS ? json : undefined };
  if (call.OutputPaths !== undefined || json.length <= RESULT_MAX_CHARS) {
    const output = outputTree(document, call.OutputPaths, OUTPUT_DEPTH);
    const kept = JSON.stringify(output).length;
    if (kept > OUTPUT_MAX_CHARS) {
      return {
        ok: false,
        attributes: { RequestId: requestId },
        message: `${property}.OutputPaths: keep ${Math.round(kept / 1024)} KB of ${what}, more than the ${OUTPUT_MAX_CHARS / 1024} KB Output may hold; name smaller parts (${made})`,
      };
    }
    Object.assign(attributes, { Output: output });
  }
  return withSelectedOutputs(attributes, call.Expose, () => document, { what, ran: made }) as Outcome<ResourceProperties>;
}

function callInput(property: Property, parameters: unknown): Record<string, unknown> {
  if (parameters === undefined) return {};
  const input = jsonProperty(parameters, `${property}.Parameters`);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalidRequest(`${property}.Parameters: must be a JSON object of the operation's input`);
  return input as Record<string, unknown>;
}

function ignoredErrors(property: Property, pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw invalidRequest(`${property}.IgnoreErrorCodesMatching: '${pattern}' is not a regular expression (${firstLine((err as Error).message)})`);
  }
}

function metadataOf(value: unknown): { requestId?: string; httpStatusCode?: number } | undefined {
  return (value as { $metadata?: { requestId?: string; httpStatusCode?: number } } | null)?.$metadata;
}

/** The error's name as the SDK v3 sets it from the service's error code (ConditionalCheckFailedException, ParameterNotFound). */
function errorName(err: unknown): string {
  const e = err as { name?: string; Code?: string; code?: string } | null;
  return e?.name && e.name !== 'Error' ? e.name : (e?.Code ?? e?.code ?? e?.name ?? 'Error');
}

/**
 * The service answered with a client error (below 500: refused, invalid, not found, throttled), or the SDK refused
 * the input before sending anything (no status, no network code): either way the call was not made. A 5xx, a reset
 * connection or a timeout leave that unknown.
 */
function certainlyNotMade(err: unknown): boolean {
  const status = metadataOf(err)?.httpStatusCode;
  if (status !== undefined) return status < 500;
  const e = err as { name?: string; code?: string; $metadata?: unknown } | null;
  return e?.name !== 'TimeoutError' && !NETWORK_CODES.has(e?.code ?? '') && !(e && '$metadata' in e);
}

/** The service's refusal, naming the call's property: its validation errors are the template's, with the service's words. */
function refused(err: unknown, property: Property, subject: string) {
  const status = metadataOf(err)?.httpStatusCode;
  const parameters = `${property}.Parameters`;
  if (status === undefined) {
    return invalidRequest(`${parameters}: the SDK refused the input of ${subject} before sending it (${errorName(err)}: ${firstLine((err as Error)?.message)})`, err);
  }
  const mapped = mapAwsError(err, { property: parameters, resource: `the ${subject} call` });
  // A 400 the table does not know (SerializationException, MissingParameter, UnknownOperationException...) is the input's fault too.
  return mapped.errorCode === 'InternalFailure' && status === 400
    ? invalidRequest(`${parameters}: ${subject} rejected the input (${errorName(err)}: ${firstLine((err as Error)?.message)})`, err)
    : mapped;
}

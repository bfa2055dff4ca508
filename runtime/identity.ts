import { createHash } from 'node:crypto';

/** The parts of a CloudFormation request that stay the same when CloudFormation re-sends it. */
export interface RequestIdentity {
  readonly stackId?: string;
  readonly logicalResourceId?: string;
  /** The bearer token of the request: one per resource operation, unchanged on re-send. */
  readonly clientRequestToken: string;
}

const digest = (parts: readonly unknown[], length: number) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length);

/** Letters, digits, '-' and '_' only, at most `max` characters. */
export function sanitizeName(text: string, max: number): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '-').replace(/-+/g, '-').slice(0, max).replace(/^-+|-+$/g, '');
}

/**
 * A name that is the same for every re-send of one request and different for any other request:
 * `<prefix>-<24 hex digits of sha256(stack, logical id, token, purpose)>`, at most `max` characters.
 */
export function requestScopedName(identity: RequestIdentity, purpose: string, prefix: string, max = 80): string {
  const hash = digest([identity.stackId ?? '', identity.logicalResourceId ?? '', identity.clientRequestToken, purpose], 24);
  const head = sanitizeName(prefix, max - hash.length - 1);
  return head ? `${head}-${hash}` : hash;
}

/** The identity of a CloudFormation handler request (the library's request, with the stack id CloudFormation sends). */
export function requestIdentity(request: { stackId?: string; logicalResourceIdentifier?: string; clientRequestToken: string }): RequestIdentity {
  return { stackId: request.stackId, logicalResourceId: request.logicalResourceIdentifier, clientRequestToken: request.clientRequestToken };
}

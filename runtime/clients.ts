import { createHash } from 'node:crypto';
import { HandlerErrorCode, SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from './errors';

/** Any SDK v3 client constructor. */
export type ClientClass<T> = new (config: {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts?: number;
  requestHandler?: { connectionTimeout?: number; requestTimeout?: number };
}) => T;

/**
 * A hung connection must not eat the invocation budget (60 s for create, update and delete; 30 s for read and
 * list): each attempt gets 8 s, and the SDK's standard retry makes at most 3 attempts.
 */
const REQUEST_HANDLER = { connectionTimeout: 3_000, requestTimeout: 8_000 };

/**
 * Changes to the defaults for one kind of call: `maxAttempts: 1` for a call that must not be repeated (a Lambda
 * invocation has no idempotency token), a longer `requestTimeoutMs` for a call that legitimately waits.
 */
export interface ClientTuning {
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
}

/**
 * Builds SDK v3 clients from the caller credentials and region of one request, one client per class and tuning.
 * Endpoints come from the standard SDK configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SFN, ...).
 */
export class Clients {
  private readonly cache = new Map<string, { clientClass: ClientClass<unknown>; client: unknown }[]>();

  constructor(
    private readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
    readonly region: string,
  ) {}

  static fromSession(session: SessionProxy | null | undefined, region?: string): Clients {
    const options = (session?.configuration ?? {}) as { credentials?: Record<string, string>; region?: string };
    const c = options.credentials;
    if (!c?.accessKeyId || !c.secretAccessKey) {
      throw handlerError(HandlerErrorCode.InvalidCredentials, 'The request carries no caller credentials');
    }
    const resolvedRegion = region ?? options.region;
    if (!resolvedRegion) throw handlerError(HandlerErrorCode.InvalidRequest, 'The request names no region');
    return new Clients({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }, resolvedRegion);
  }

  /** The caller credentials, for signing something other than an SDK call (CodeCommit's git HTTPS authentication). */
  callerCredentials(): { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string } {
    return { ...this.credentials };
  }

  get<T>(clientClass: ClientClass<T>, tuning: ClientTuning = {}): T {
    const key = `${tuning.maxAttempts ?? ''}/${tuning.requestTimeoutMs ?? ''}`;
    const entries = this.cache.get(key) ?? [];
    let client = entries.find((e) => e.clientClass === clientClass)?.client as T | undefined;
    if (!client) {
      client = warmClients.get(clientClass, `${this.identity()}/${key}`, () =>
        new clientClass({
          region: this.region,
          credentials: { ...this.credentials },
          maxAttempts: tuning.maxAttempts ?? 3,
          requestHandler: { ...REQUEST_HANDLER, requestTimeout: tuning.requestTimeoutMs ?? REQUEST_HANDLER.requestTimeout },
        }),
      );
      this.cache.set(key, [...entries, { clientClass, client }]);
    }
    return client;
  }

  /** What a client is made from: the credentials (hashed, never kept as text), the region and the endpoint settings. */
  private identity(): string {
    const endpoints = Object.entries(process.env).filter(([name]) => name.startsWith('AWS_ENDPOINT_URL') || name === 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS');
    return createHash('sha256').update(JSON.stringify([this.credentials, this.region, endpoints.sort()])).digest('hex');
  }
}

/**
 * Clients kept across invocations of one process, as a warm Lambda container keeps them: a new client per request
 * opens new connections, which under 50 concurrent tasks cost more than the calls. Each is keyed by everything it was
 * made from, so a request with other credentials or another endpoint never gets it. A few identities at a time:
 * caller credentials rotate, and an old identity's clients are left to the garbage collector, not destroyed, since
 * an invocation may still be using them.
 */
class WarmClients {
  private readonly byIdentity = new Map<string, Map<ClientClass<unknown>, unknown>>();

  constructor(private readonly maxIdentities: number) {}

  get<T>(clientClass: ClientClass<T>, identity: string, make: () => T): T {
    let clients = this.byIdentity.get(identity);
    if (clients) {
      this.byIdentity.delete(identity);
    } else {
      clients = new Map();
      if (this.byIdentity.size >= this.maxIdentities) this.byIdentity.delete(this.byIdentity.keys().next().value!);
    }
    this.byIdentity.set(identity, clients);
    if (!clients.has(clientClass)) clients.set(clientClass, make());
    return clients.get(clientClass) as T;
  }
}

const warmClients = new WarmClients(16);

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
 * Builds SDK v3 clients from the caller credentials and region of one request, one client per class.
 * Endpoints come from the standard SDK configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SFN, ...).
 */
export class Clients {
  private readonly cache = new Map<ClientClass<unknown>, unknown>();

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

  get<T>(clientClass: ClientClass<T>): T {
    let client = this.cache.get(clientClass) as T | undefined;
    if (!client) {
      client = new clientClass({ region: this.region, credentials: { ...this.credentials }, maxAttempts: 3, requestHandler: REQUEST_HANDLER });
      this.cache.set(clientClass, client);
    }
    return client;
  }
}

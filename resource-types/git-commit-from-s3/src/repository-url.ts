import { invalidRequest } from '../../../runtime';

/** A repository URL that passed the transport rules: HTTPS, or http on a loopback host when explicitly allowed. */
export interface RepositoryLocation {
  /** The URL as given (it carries no credentials). */
  readonly url: string;
  readonly host: string;
  readonly path: string;
}

const LOOPBACK_HOSTS = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i;

/**
 * Credentials travel in the Authorization header, so plain http would send them in clear text: it is allowed only
 * for a loopback test server and only when asked for, and a URL with credentials in it is refused outright.
 */
export function repositoryLocation(url: string, allowInsecureHttp: boolean): RepositoryLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`RepositoryUrl: '${url}' is not a URL`);
  }
  if (parsed.username || parsed.password) {
    throw invalidRequest('RepositoryUrl: the URL carries credentials; remove them and give a Credentials provider (such as a Secrets Manager secret) instead');
  }
  const where = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (parsed.protocol === 'http:') {
    if (!allowInsecureHttp) {
      throw invalidRequest(`RepositoryUrl: '${where}' uses plain http, which would send the credentials unencrypted; use https`);
    }
    if (!LOOPBACK_HOSTS.test(parsed.hostname)) {
      throw invalidRequest(`RepositoryUrl: AllowInsecureHttp applies to loopback test servers only, and '${parsed.hostname}' is not one; use https`);
    }
  } else if (parsed.protocol !== 'https:') {
    throw invalidRequest(`RepositoryUrl: '${where}' uses ${parsed.protocol}, and only https is supported`);
  }
  return { url: where, host: parsed.host, path: parsed.pathname };
}

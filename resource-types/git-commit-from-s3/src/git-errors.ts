import { exceptions, HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { firstLine, handlerError, NETWORK_CODES } from '../../../runtime';

/**
 * What a failed git exchange means for the template author, by isomorphic-git's error codes and the HTTP status.
 * Server texts are not quoted: a misconfigured server may echo request headers, which hold the credentials.
 */
export function mapGitError(err: unknown, url: string): exceptions.BaseHandlerException {
  if (err instanceof exceptions.BaseHandlerException) return err;
  const e = (err ?? {}) as { code?: string; name?: string; message?: string; data?: { statusCode?: number; reason?: string } };
  const status = e.code === 'HttpError' ? e.data?.statusCode : undefined;
  const at = `repository '${url}'`;
  if (status === 401) return handlerError(HandlerErrorCode.InvalidCredentials, `Credentials: ${at} refused the credentials (HTTP 401)`, err);
  if (status === 403) return handlerError(HandlerErrorCode.AccessDenied, `Credentials: ${at} denied access to these credentials (HTTP 403)`, err);
  if (status === 404) return handlerError(HandlerErrorCode.NotFound, `RepositoryUrl: ${at} was not found (HTTP 404)`, err);
  if (status === 429) return handlerError(HandlerErrorCode.Throttling, `RepositoryUrl: ${at} throttled the request (HTTP 429)`, err);
  if (status !== undefined && status >= 500) return handlerError(HandlerErrorCode.ServiceInternalError, `RepositoryUrl: ${at} failed (HTTP ${status})`, err);
  if (status !== undefined) return handlerError(HandlerErrorCode.GeneralServiceException, `RepositoryUrl: ${at} answered HTTP ${status}`, err);
  if (NETWORK_CODES.has(e.code ?? '')) return handlerError(HandlerErrorCode.NetworkFailure, `RepositoryUrl: ${at} could not be reached (${e.code})`, err);
  if (e.code === 'SmartHttpError' || e.code === 'ParseError' || e.code === 'EmptyServerResponseError') {
    return handlerError(HandlerErrorCode.InvalidRequest, `RepositoryUrl: ${at} did not answer as a git smart-HTTP server (${e.code})`, err);
  }
  if (e.code === 'GitPushError') return handlerError(HandlerErrorCode.GeneralServiceException, `Branch: ${at} refused the push (a server-side hook or branch protection)`, err);
  return handlerError(HandlerErrorCode.InternalFailure, `git exchange with ${at} failed: ${e.code ?? e.name ?? 'Error'}: ${firstLine(e.message ?? String(err), 300)}`, err);
}

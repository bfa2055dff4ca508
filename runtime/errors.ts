import { exceptions, HandlerErrorCode, ProgressEvent } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';

type ExceptionClass = new (...args: any[]) => exceptions.BaseHandlerException;

/** The library's exception class for each code, so the entrypoint's `instanceof BaseHandlerException` keeps working. */
const CLASS_BY_CODE: Record<HandlerErrorCode, ExceptionClass> = {
  [HandlerErrorCode.NotUpdatable]: exceptions.NotUpdatable,
  [HandlerErrorCode.InvalidRequest]: exceptions.InvalidRequest,
  [HandlerErrorCode.AccessDenied]: exceptions.AccessDenied,
  [HandlerErrorCode.InvalidCredentials]: exceptions.InvalidCredentials,
  [HandlerErrorCode.AlreadyExists]: exceptions.AlreadyExists,
  [HandlerErrorCode.NotFound]: exceptions.NotFound,
  [HandlerErrorCode.ResourceConflict]: exceptions.ResourceConflict,
  [HandlerErrorCode.Throttling]: exceptions.Throttling,
  [HandlerErrorCode.ServiceLimitExceeded]: exceptions.ServiceLimitExceeded,
  [HandlerErrorCode.NotStabilized]: exceptions.NotStabilized,
  [HandlerErrorCode.GeneralServiceException]: exceptions.GeneralServiceException,
  [HandlerErrorCode.ServiceInternalError]: exceptions.ServiceInternalError,
  [HandlerErrorCode.NetworkFailure]: exceptions.NetworkFailure,
  [HandlerErrorCode.InternalFailure]: exceptions.InternalFailure,
  [HandlerErrorCode.InvalidTypeConfiguration]: exceptions.InvalidTypeConfiguration,
};

/**
 * A handler error with an explicit code and a clean message.
 *
 * The library derives a code from `constructor.name` (lost when a bundler renames classes) and prefixes
 * the message with "Error: "; this sets both explicitly and keeps the original error as `cause`.
 */
export function handlerError(code: HandlerErrorCode, message: string, cause?: unknown): exceptions.BaseHandlerException {
  const error = Object.create(CLASS_BY_CODE[code].prototype) as exceptions.BaseHandlerException;
  Object.defineProperties(error, {
    message: { value: message, writable: true, configurable: true },
    name: { value: code, writable: true, configurable: true },
    errorCode: { value: code, writable: true, enumerable: true, configurable: true },
    cause: { value: cause, writable: true, configurable: true },
    stack: { value: `${code}: ${message}`, writable: true, configurable: true },
  });
  error.toProgressEvent = function toProgressEvent() {
    return ProgressEvent.failed(this.errorCode, this.message) as any;
  };
  return error;
}

export const invalidRequest = (message: string, cause?: unknown) => handlerError(HandlerErrorCode.InvalidRequest, message, cause);

export const notFound = (typeName: string, id: string) =>
  handlerError(HandlerErrorCode.NotFound, `${typeName} '${id}' was not found`);

export const notStabilized = (message: string) => handlerError(HandlerErrorCode.NotStabilized, message);

export const internalFailure = (message: string, cause?: unknown) => handlerError(HandlerErrorCode.InternalFailure, message, cause);

import { BaseModel, exceptions, HandlerErrorCode, ProgressEvent } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';

/**
 * The handler errors, one class per HandlerErrorCode. They extend the library's BaseHandlerException, so its
 * entrypoint turns them into a FAILED event with their code. The code is passed to the library explicitly (it
 * would otherwise derive it from `constructor.name`, which a bundler may rename), and the event's message is the
 * message alone (the library's would be `toString()`, "Error: ...").
 */
export abstract class HandlerError extends exceptions.BaseHandlerException {
  protected constructor(code: HandlerErrorCode, message: string, cause?: unknown) {
    super(message, code);
    this.name = code;
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, writable: true, configurable: true });
  }

  toProgressEvent<T extends BaseModel = BaseModel>(): ProgressEvent<T> {
    return ProgressEvent.failed<ProgressEvent<T>>(this.errorCode, this.message);
  }
}

export class NotUpdatableError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.NotUpdatable, message, cause);
  }
}

export class InvalidRequestError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.InvalidRequest, message, cause);
  }
}

export class AccessDeniedError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.AccessDenied, message, cause);
  }
}

export class InvalidCredentialsError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.InvalidCredentials, message, cause);
  }
}

export class AlreadyExistsError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.AlreadyExists, message, cause);
  }
}

export class NotFoundError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.NotFound, message, cause);
  }
}

export class ResourceConflictError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.ResourceConflict, message, cause);
  }
}

export class ThrottlingError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.Throttling, message, cause);
  }
}

export class ServiceLimitExceededError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.ServiceLimitExceeded, message, cause);
  }
}

export class NotStabilizedError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.NotStabilized, message, cause);
  }
}

export class GeneralServiceError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.GeneralServiceException, message, cause);
  }
}

export class ServiceInternalError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.ServiceInternalError, message, cause);
  }
}

export class NetworkFailureError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.NetworkFailure, message, cause);
  }
}

export class InternalFailureError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.InternalFailure, message, cause);
  }
}

export class InvalidTypeConfigurationError extends HandlerError {
  constructor(message: string, cause?: unknown) {
    super(HandlerErrorCode.InvalidTypeConfiguration, message, cause);
  }
}

/** The class of each code; the compiler checks that every code has one. */
export const ERROR_CLASS: Record<HandlerErrorCode, new (message: string, cause?: unknown) => HandlerError> = {
  [HandlerErrorCode.NotUpdatable]: NotUpdatableError,
  [HandlerErrorCode.InvalidRequest]: InvalidRequestError,
  [HandlerErrorCode.AccessDenied]: AccessDeniedError,
  [HandlerErrorCode.InvalidCredentials]: InvalidCredentialsError,
  [HandlerErrorCode.AlreadyExists]: AlreadyExistsError,
  [HandlerErrorCode.NotFound]: NotFoundError,
  [HandlerErrorCode.ResourceConflict]: ResourceConflictError,
  [HandlerErrorCode.Throttling]: ThrottlingError,
  [HandlerErrorCode.ServiceLimitExceeded]: ServiceLimitExceededError,
  [HandlerErrorCode.NotStabilized]: NotStabilizedError,
  [HandlerErrorCode.GeneralServiceException]: GeneralServiceError,
  [HandlerErrorCode.ServiceInternalError]: ServiceInternalError,
  [HandlerErrorCode.NetworkFailure]: NetworkFailureError,
  [HandlerErrorCode.InternalFailure]: InternalFailureError,
  [HandlerErrorCode.InvalidTypeConfiguration]: InvalidTypeConfigurationError,
};

/** The error of a code known only at run time (an error table's row, a stored failure). */
export function handlerError(code: HandlerErrorCode, message: string, cause?: unknown): HandlerError {
  return new ERROR_CLASS[code](message, cause);
}

export const invalidRequest = (message: string, cause?: unknown) => new InvalidRequestError(message, cause);

export const notFound = (typeName: string, id: string) => new NotFoundError(`${typeName} '${id}' was not found`);

export const notStabilized = (message: string) => new NotStabilizedError(message);

export const internalFailure = (message: string, cause?: unknown) => new InternalFailureError(message, cause);

import { HandlerRequest, ProgressEventJson } from './types';

/**
 * Delivers one request to a handler and returns its progress event. An invoker rejects with `LostAnswer` when the
 * answer never arrived (the connection dropped, the process died): the driver then re-sends the same request, as
 * CloudFormation does. Any other rejection ends the operation.
 */
export type Invoker = (request: HandlerRequest) => Promise<ProgressEventJson>;

/** The handler's answer did not reach the caller; whether the handler ran is unknown. */
export class LostAnswer extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LostAnswer';
  }
}

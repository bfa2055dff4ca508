import { TemplateError } from '../template/diagnostic';
import { ProvisionError } from './provisioner';

/** A resource operation failed; `reason` is its event's status reason, and the stack's when it failed first. */
export class ResourceFailed extends Error {
  constructor(
    readonly logicalId: string,
    readonly reason: string,
  ) {
    super(`${logicalId}: ${reason}`);
    this.name = 'ResourceFailed';
  }
}

/** A status reason for whatever a provisioner threw: its own reason, never a stack trace. */
export function failureReason(error: unknown): string {
  if (error instanceof ProvisionError) return error.reason;
  if (error instanceof ResourceFailed) return error.reason;
  if (error instanceof TemplateError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

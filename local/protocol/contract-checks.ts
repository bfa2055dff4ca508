import { Action, ProgressEventJson } from './types';

/** The rules CloudFormation and the contract suite apply to every progress event; one message per breach. */
export function contractViolations(action: Action, event: ProgressEventJson, primaryIdentifier: readonly string[]): string[] {
  const problems: string[] = [];
  if (!['IN_PROGRESS', 'SUCCESS', 'FAILED'].includes(event.status)) problems.push(`unknown status ${event.status}`);
  if (event.status === 'IN_PROGRESS') {
    if (action === 'READ' || action === 'LIST') problems.push(`${action} returned IN_PROGRESS`);
    if (event.errorCode) problems.push('IN_PROGRESS carries an errorCode');
    if (event.resourceModels) problems.push('IN_PROGRESS carries resourceModels');
    const missing = primaryIdentifier.filter((key) => event.resourceModel?.[key] === undefined);
    if (missing.length) problems.push(`IN_PROGRESS model lacks the primary identifier ${missing.join(', ')}`);
  }
  if (event.status === 'SUCCESS' && event.callbackDelaySeconds) problems.push('SUCCESS carries callbackDelaySeconds');
  if (event.status === 'FAILED' && !event.errorCode) problems.push('FAILED carries no errorCode');
  if (event.status === 'FAILED' && /\n\s+at /.test(event.message ?? '')) problems.push('FAILED message holds a stack trace');
  if (hasNull(event.resourceModel)) problems.push('resourceModel holds null');
  return problems;
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || value === undefined) return false;
  return Object.values(value as object).some(hasNull);
}

import { createHash, randomUUID } from 'crypto';
import { Fn, Token } from 'aws-cdk-lib';

/**
 * The RunToken for a task's rerun options: a fresh value each synth for runAlways; for rerunOn a digest of the
 * values when all are known at synth (an asset hash, a version string), so the same values give the same token;
 * otherwise the values joined at deploy time (CloudFormation has no digest function), which must stay within the
 * schema's 256 characters.
 */
export function runToken(runAlways: boolean, rerunOn: readonly string[] | undefined): string | undefined {
  if (runAlways) return randomUUID();
  if (!rerunOn || rerunOn.length === 0) return undefined;
  if (rerunOn.some((value) => Token.isUnresolved(value))) return Fn.join('|', [...rerunOn]);
  return createHash('sha256').update(JSON.stringify(rerunOn)).digest('hex');
}

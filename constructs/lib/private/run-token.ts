import { createHash, randomUUID } from 'crypto';
import { Fn, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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

/** The rerun props every task construct takes. */
export interface RerunProps {
  readonly runAlways?: boolean;
  readonly rerunOn?: string[];
}

/**
 * runToken for a construct's props, refusing runAlways with rerunOn: `again` says what runAlways repeats
 * (`invokes the function`), for the message.
 */
export function checkedRunToken(scope: IConstruct, props: RerunProps, again: string): string | undefined {
  if (props.runAlways && props.rerunOn) {
    throw new Error(`${scope.node.path}: runAlways already ${again} on every deployment; drop rerunOn or runAlways`);
  }
  return runToken(props.runAlways ?? false, props.rerunOn);
}

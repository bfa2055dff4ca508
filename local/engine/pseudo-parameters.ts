import { randomUUID } from 'node:crypto';
import { NO_VALUE } from './intrinsics/no-value';

/** Which stack in which account and region: what the pseudo parameters are made of. */
export interface StackIdentity {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  /** Kept in the stack's state after its first deploy; a new one is made when absent. */
  readonly stackId?: string;
}

export const PSEUDO_PARAMETER_NAMES = [
  'AWS::Region',
  'AWS::AccountId',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
] as const;

/** The partition a region belongs to, by its prefix. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

export function stackIdFor(identity: StackIdentity): string {
  return (
    identity.stackId ??
    `arn:${partitionOf(identity.region)}:cloudformation:${identity.region}:${identity.accountId}:stack/${identity.stackName}/${randomUUID()}`
  );
}

/** Every pseudo parameter's value; AWS::NoValue is the NO_VALUE marker that removes the key holding it. */
export function pseudoParameters(identity: StackIdentity): ReadonlyMap<string, unknown> {
  const partition = partitionOf(identity.region);
  return new Map<(typeof PSEUDO_PARAMETER_NAMES)[number], unknown>([
    ['AWS::Region', identity.region],
    ['AWS::AccountId', identity.accountId],
    ['AWS::StackName', identity.stackName],
    ['AWS::StackId', stackIdFor(identity)],
    ['AWS::Partition', partition],
    ['AWS::URLSuffix', partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'],
    ['AWS::NoValue', NO_VALUE],
    ['AWS::NotificationARNs', []],
  ]);
}

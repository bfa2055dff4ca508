/**
 * What a reference to a state machine, function, object, secret or repository grants, as the IAM resources of the
 * execution role's statements (the same shapes tools/role-template.ts renders from the scope parameters).
 */
import { Aws, Fn, Stack, Token } from 'aws-cdk-lib';
import { ResourceKind } from './type-permissions.generated';

/** IAM resources per kind. */
export type Grants = Partial<Record<ResourceKind, string[]>>;

/** `arn:…:name:alias` -> `arn:…:name`, for an ARN known at synth (a qualifier is one segment after the name). */
function unqualified(arn: string, segments: number): string {
  if (Token.isUnresolved(arn)) return arn;
  return arn.split(':').slice(0, segments).join(':');
}

/** A state machine's ARN: starting it (and its versions and aliases) and following its executions. */
export function stateMachineGrants(arn: string): Grants {
  const machine = unqualified(arn, 7);
  const executions = Token.isUnresolved(machine)
    ? Fn.join(':execution:', Fn.split(':stateMachine:', machine))
    : machine.replace(':stateMachine:', ':execution:');
  return { stateMachines: [machine, `${machine}:*`], executions: [`${executions}:*`] };
}

/**
 * A function's name, partial ARN or ARN, optionally qualified (what Orch::Lambda::Task's FunctionName takes), in
 * the region and account of `stack` when the reference does not say.
 */
export function functionGrants(nameOrArn: string, stack: Stack): Grants {
  let arn: string;
  if (Token.isUnresolved(nameOrArn) || nameOrArn.startsWith('arn:')) {
    arn = unqualified(nameOrArn, 7);
  } else {
    const parts = nameOrArn.split(':');
    // name[:qualifier], function:name[:qualifier] or account:function:name[:qualifier]
    const at = parts.indexOf('function');
    const name = at >= 0 ? parts[at + 1] : parts[0];
    const account = at === 1 ? parts[0] : stack.account;
    arn = `arn:${Aws.PARTITION}:lambda:${stack.region}:${account}:function:${name}`;
  }
  return { functions: [arn, `${arn}:*`] };
}

const bucketArn = (bucket: string) => `arn:${Aws.PARTITION}:s3:::${bucket}`;

/** One object (a reader's Bucket and Key): reading it, and listing its bucket to tell a missing key from a missing bucket. */
export function objectGrants(bucket: string, key: string): Grants {
  return { objects: [`${bucketArn(bucket)}/${key}`], buckets: [bucketArn(bucket)] };
}

/**
 * Everything under a prefix (the git type's Prefix; a prefix without a trailing / is read as if it had one, and no
 * prefix is the whole bucket).
 */
export function prefixGrants(bucket: string, prefix: string | undefined): Grants {
  let pattern: string;
  if (prefix === undefined || prefix === '') pattern = '*';
  else if (Token.isUnresolved(prefix) || prefix.endsWith('/')) pattern = `${prefix}*`;
  else pattern = `${prefix}/*`;
  return { objects: [`${bucketArn(bucket)}/${pattern}`], buckets: [bucketArn(bucket)] };
}

/**
 * A secret's ARN. Secrets Manager appends six random characters to the name; a partial ARN (a secret imported by
 * name) matches the secret only with them, a complete one matches itself.
 */
export function secretGrants(arn: string): Grants {
  return { secrets: [arn, `${arn}-??????`] };
}

const CODECOMMIT_URL = /^https:\/\/git-codecommit(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/v1\/repos\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/;

/** The repository ARN of a CodeCommit HTTPS URL known at synth, in the account of `stack`; undefined for any other URL. */
export function codeCommitArnOfUrl(url: string, stack: Stack): string | undefined {
  if (Token.isUnresolved(url)) return undefined;
  const match = CODECOMMIT_URL.exec(url);
  return match ? `arn:${Aws.PARTITION}:codecommit:${match[1]}:${stack.account}:${match[2]}` : undefined;
}

/** Adds `more` to `into`, each resource once. */
export function mergeGrants(into: Grants, more: Grants): Grants {
  for (const [kind, resources] of Object.entries(more) as Array<[ResourceKind, string[]]>) {
    into[kind] = [...new Set([...(into[kind] ?? []), ...resources])];
  }
  return into;
}

import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';

/** IAM action prefix of each SDK client the handlers use. */
const SERVICES: Array<[{ prototype: { send: (...args: any[]) => any } }, string]> = [
  [SFNClient, 'states'],
  [SSMClient, 'ssm'],
  [S3Client, 's3'],
  [LambdaClient, 'lambda'],
  [SecretsManagerClient, 'secretsmanager'],
];

/**
 * Calls whose IAM action is not named after the command: S3 authorises HeadObject as s3:GetObject, and a read of
 * a specific version as s3:GetObjectVersion.
 */
const ACTION_OF: Record<string, (input: Record<string, unknown>) => string> = {
  's3:GetObject': (input) => (input.VersionId ? 's3:GetObjectVersion' : 's3:GetObject'),
  's3:HeadObject': (input) => (input.VersionId ? 's3:GetObjectVersion' : 's3:GetObject'),
  // Lambda authorises Invoke as lambda:InvokeFunction.
  'lambda:Invoke': () => 'lambda:InvokeFunction',
  // S3 authorises listing a bucket's objects as s3:ListBucket.
  's3:ListObjectsV2': () => 's3:ListBucket',
  // HeadBucket needs no permission of its own: S3 authorises it as s3:ListBucket.
  's3:HeadBucket': () => 's3:ListBucket',
};

/**
 * Records the IAM action of every SDK call, grouped under the label set with `during`, by spying on `send`
 * (calls still reach the local AWS).
 */
export function recordPermissions() {
  const calls = new Map<string, Set<string>>();
  let label = 'unlabelled';
  const spies = SERVICES.map(([client, prefix]) => {
    const original = client.prototype.send;
    const spy = jest.spyOn(client.prototype, 'send').mockImplementation(function (this: unknown, command: any, ...rest: any[]) {
      const named = `${prefix}:${command.constructor.name.replace(/Command$/, '')}`;
      const action = ACTION_OF[named]?.(command.input ?? {}) ?? named;
      if (!calls.has(label)) calls.set(label, new Set());
      calls.get(label)!.add(action);
      return original.call(this, command, ...rest);
    });
    return spy;
  });
  return {
    calls,
    async during<T>(name: string, work: () => Promise<T>): Promise<T> {
      label = name;
      try {
        return await work();
      } finally {
        label = 'unlabelled';
      }
    },
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

/**
 * Every call a handler made is declared in its schema, and every declared permission was called, except those
 * `unexercised` lists (with the reason in the test) for paths the test does not drive.
 */
export function expectExactPermissions(
  calls: Map<string, Set<string>>,
  schema: { handlers: Record<string, { permissions: string[] }> },
  unexercised: Record<string, string[]> = {},
): void {
  for (const action of ['create', 'read', 'update', 'delete', 'list']) {
    const declared = new Set(schema.handlers[action].permissions);
    const called = calls.get(action) ?? new Set<string>();
    expect({ action, undeclared: [...called].filter((p) => !declared.has(p)) }).toEqual({ action, undeclared: [] });
    const unused = [...declared].filter((p) => !called.has(p) && !(unexercised[action] ?? []).includes(p));
    expect({ action, unused }).toEqual({ action, unused: [] });
    // An allow-list entry that is called after all hides nothing, but says something false: keep the list exact.
    const excusedButCalled = (unexercised[action] ?? []).filter((p) => called.has(p));
    expect({ action, excusedButCalled }).toEqual({ action, excusedButCalled: [] });
  }
}

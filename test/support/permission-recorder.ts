import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';

/** IAM action prefix of each SDK client the handlers use. */
const SERVICES: Array<[{ prototype: { send: (...args: any[]) => any } }, string]> = [
  [SFNClient, 'states'],
  [SSMClient, 'ssm'],
];

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
      const action = `${prefix}:${command.constructor.name.replace(/Command$/, '')}`;
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

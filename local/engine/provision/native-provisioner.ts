import type { ResourceProvisioner } from '../deploy/provisioner';
import { ProvisionError } from '../deploy/provisioner';
import { NativeEnvironment, NativeProvider, NativeResourceError } from '../native';

/** CloudFormation's status reason for a native failure: the property at fault and the service's own error, no stack trace. */
export function nativeFailureReason(err: unknown): string {
  if (err instanceof NativeResourceError) return err.property ? `${err.property}: ${err.reason}` : err.reason;
  const e = err instanceof Error ? err : new Error(String(err));
  return `${e.name}: ${e.message}`;
}

async function guarded<T>(logicalId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ProvisionError) throw err;
    throw new ProvisionError(logicalId, nativeFailureReason(err));
  }
}

/** A native type through its SDK provider (local/engine/native), against the AWS the environment's clients reach. */
export function nativeProvisioner(provider: NativeProvider, env: NativeEnvironment): ResourceProvisioner {
  return {
    create: ({ stackName, logicalId, properties }) => guarded(logicalId, () => provider.create({ stackName, logicalId, properties }, env)),
    update: ({ stackName, logicalId, properties, previous, previousProperties }) =>
      guarded(logicalId, () => provider.update({ stackName, logicalId, properties, previousProperties, physicalId: previous.physicalId }, env)),
    delete: ({ stackName, logicalId, properties, deployed }) => guarded(logicalId, () => provider.delete({ stackName, logicalId, properties, physicalId: deployed.physicalId }, env)),
  };
}

/** A type with nothing to create (CDK's AWS::CDK::Metadata): recorded with a stable id, no service called. */
export const inertProvisioner: ResourceProvisioner = {
  create: async ({ stackName, logicalId }) => ({ physicalId: `${stackName}-${logicalId}`, attributes: {} }),
  update: async ({ previous }) => ({ physicalId: previous.physicalId, attributes: {} }),
  delete: async () => undefined,
};

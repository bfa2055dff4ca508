import { randomUUID } from 'node:crypto';
import { NativeProvider } from './provider';

/** CDK's version reporting: recorded and never sent anywhere (local/engine/types marks the type inert). */
export const cdkMetadata: NativeProvider = {
  typeName: 'AWS::CDK::Metadata',
  create: async () => ({ physicalId: randomUUID(), attributes: {} }),
  update: async ({ physicalId }) => ({ physicalId, attributes: {} }),
  delete: async () => undefined,
};

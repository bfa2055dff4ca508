import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalFunction } from '../../local/lambda-endpoint';
import { LOCAL_AWS } from '../../local/local-aws';
import { NativeClients, NativeEnvironment } from '../../local/engine/native';

/** A provider environment on the local AWS the global setup started (reached through AWS_ENDPOINT_URL). */
export function nativeEnvironment(localFunctions?: Record<string, LocalFunction>): NativeEnvironment {
  return {
    region: LOCAL_AWS.region,
    partition: 'aws',
    urlSuffix: 'amazonaws.com',
    clients: new NativeClients({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials }),
    ...(localFunctions ? { localFunctions, codeDirectory: mkdtempSync(join(tmpdir(), 'orch-native-')) } : {}),
  };
}

/** A stack name no other test uses, so generated physical names never meet. */
export const stackName = () => `native-${randomUUID().slice(0, 8)}`;

export const TRUST_LAMBDA = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

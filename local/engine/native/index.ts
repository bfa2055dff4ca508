import { cdkMetadata } from './cdk-metadata';
import { eventsRule } from './events-rule';
import { iamPolicy } from './iam-policy';
import { iamRole } from './iam-role';
import { lambdaFunction } from './lambda-function';
import { NATIVE_TYPES } from '../types/native-types';
import { changed, NativeProvider, NativeResourceError } from './provider';
import { s3Bucket } from './s3-bucket';
import { secret } from './secret';
import { snsTopic } from './sns-topic';
import { snsTopicPolicy } from './sns-topic-policy';
import { ssmParameter } from './ssm-parameter';
import { stateMachine } from './state-machine';

export { NativeClients } from './clients';
export type { ClientOptions } from './clients';
export { NativeResourceError } from './provider';
export type { NativeCreate, NativeDelete, NativeEnvironment, NativeProvider, NativeResult, NativeUpdate, Properties } from './provider';

const PROVIDERS: readonly NativeProvider[] = [s3Bucket, stateMachine, iamRole, iamPolicy, lambdaFunction, secret, ssmParameter, snsTopic, snsTopicPolicy, eventsRule, cdkMetadata];

/**
 * A provider whose update refuses a change to a create-only property (as the native specs list them): such a change
 * replaces the resource, and an update in place would silently keep the old value.
 */
function inPlaceOnly(provider: NativeProvider): NativeProvider {
  const createOnly = NATIVE_TYPES.find((t) => t.typeName === provider.typeName)?.createOnlyProperties ?? [];
  return {
    typeName: provider.typeName,
    create: (request, env) => provider.create(request, env),
    delete: (request, env) => provider.delete(request, env),
    update: async (request, env) => {
      const property = createOnly.find((name) => changed(name, request.previousProperties, request.properties));
      if (property) throw new NativeResourceError(request.logicalId, provider.typeName, property, 'is create-only: changing it replaces the resource, it cannot be updated in place');
      return provider.update(request, env);
    },
  };
}

/** The providers by type name: the native types the engine creates (the same list as local/engine/types/native-types.ts). */
export const NATIVE_PROVIDERS: ReadonlyMap<string, NativeProvider> = new Map(PROVIDERS.map((p) => [p.typeName, inPlaceOnly(p)]));

/** The provider for a native type; an engine that checked its catalog first never sees the error. */
export function nativeProvider(typeName: string): NativeProvider {
  const provider = NATIVE_PROVIDERS.get(typeName);
  if (!provider) throw new Error(`${typeName} is not a native type the engine supports (it supports ${[...NATIVE_PROVIDERS.keys()].join(', ')})`);
  return provider;
}

import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketTaggingCommand,
  DeletePublicAccessBlockCommand,
  HeadBucketCommand,
  NotificationConfiguration,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, errorName, NativeEnvironment, NativeProvider, NativeResourceError, NativeResult, Properties } from './provider';
import { tagList } from './tags';

const typeName = 'AWS::S3::Bucket';
type Any = Record<string, any>;

function attributes(name: string, env: NativeEnvironment): NativeResult {
  const { region, partition, urlSuffix } = env;
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:${partition}:s3:::${name}`,
      DomainName: `${name}.s3.${urlSuffix}`,
      RegionalDomainName: `${name}.s3.${region}.${urlSuffix}`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.${urlSuffix}`,
      WebsiteURL: `http://${name}.s3-website-${region}.${urlSuffix}`,
    },
  };
}

// CloudFormation's filter `{S3Key: {Rules: [{Name, Value}]}}` is S3's `{Key: {FilterRules: [...]}}`.
const filter = (f: Any | undefined) => (f?.S3Key ? { Key: { FilterRules: f.S3Key.Rules } } : undefined);

function notifications(value: Any | undefined): NotificationConfiguration {
  const v = value ?? {};
  return {
    ...(v.EventBridgeConfiguration?.EventBridgeEnabled ? { EventBridgeConfiguration: {} } : {}),
    TopicConfigurations: (v.TopicConfigurations ?? []).map((c: Any) => ({ Events: [c.Event], TopicArn: c.Topic, Filter: filter(c.Filter) })),
    QueueConfigurations: (v.QueueConfigurations ?? []).map((c: Any) => ({ Events: [c.Event], QueueArn: c.Queue, Filter: filter(c.Filter) })),
    LambdaFunctionConfigurations: (v.LambdaConfigurations ?? []).map((c: Any) => ({ Events: [c.Event], LambdaFunctionArn: c.Function, Filter: filter(c.Filter) })),
  };
}

// CloudFormation's lifecycle rule flattens what S3 nests.
function lifecycleRule(r: Any) {
  return {
    ID: r.Id,
    Status: r.Status,
    Filter: { Prefix: r.Prefix ?? '' },
    ...(r.ExpirationInDays !== undefined || r.ExpirationDate !== undefined ? { Expiration: { Days: r.ExpirationInDays, Date: r.ExpirationDate ? new Date(r.ExpirationDate) : undefined } } : {}),
    ...(r.NoncurrentVersionExpirationInDays !== undefined ? { NoncurrentVersionExpiration: { NoncurrentDays: r.NoncurrentVersionExpirationInDays } } : {}),
    ...(r.AbortIncompleteMultipartUpload ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: r.AbortIncompleteMultipartUpload.DaysAfterInitiation } } : {}),
  };
}

/**
 * Each optional configuration as the call that sets it and the call that removes it (undefined where S3 has no
 * removal: versioning can only be suspended, notifications are set to none).
 */
const CONFIGURATIONS: Record<string, { put: (Bucket: string, v: Any) => any; remove?: (Bucket: string) => any }> = {
  VersioningConfiguration: { put: (Bucket, v) => new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: v.Status } }) },
  PublicAccessBlockConfiguration: {
    put: (Bucket, v) => new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: v }),
    remove: (Bucket) => new DeletePublicAccessBlockCommand({ Bucket }),
  },
  BucketEncryption: {
    put: (Bucket, v) => new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: v.ServerSideEncryptionConfiguration } }),
    remove: (Bucket) => new DeleteBucketEncryptionCommand({ Bucket }),
  },
  LifecycleConfiguration: {
    put: (Bucket, v) => new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: (v.Rules ?? []).map(lifecycleRule) } }),
    remove: (Bucket) => new DeleteBucketLifecycleCommand({ Bucket }),
  },
  CorsConfiguration: {
    put: (Bucket, v) =>
      new PutBucketCorsCommand({
        Bucket,
        CORSConfiguration: {
          CORSRules: (v.CorsRules ?? []).map((r: Any) => ({
            ID: r.Id,
            AllowedHeaders: r.AllowedHeaders,
            AllowedMethods: r.AllowedMethods,
            AllowedOrigins: r.AllowedOrigins,
            ExposeHeaders: r.ExposedHeaders,
            MaxAgeSeconds: r.MaxAge,
          })),
        },
      }),
    remove: (Bucket) => new DeleteBucketCorsCommand({ Bucket }),
  },
  NotificationConfiguration: { put: (Bucket, v) => new PutBucketNotificationConfigurationCommand({ Bucket, NotificationConfiguration: notifications(v) }) },
  Tags: {
    put: (Bucket, v) => new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagList(v) } }),
    remove: (Bucket) => new DeleteBucketTaggingCommand({ Bucket }),
  },
};

const REMOVED_DEFAULTS: Record<string, Any> = {
  VersioningConfiguration: { Status: 'Suspended' },
  NotificationConfiguration: {},
};

async function configure(logicalId: string, bucket: string, before: Properties, after: Properties, env: NativeEnvironment): Promise<void> {
  for (const [property, { put, remove }] of Object.entries(CONFIGURATIONS)) {
    if (!changed(property, before, after)) continue;
    const value = after[property] as Any | undefined;
    const command = value !== undefined ? put(bucket, value) : remove ? remove(bucket) : put(bucket, REMOVED_DEFAULTS[property]);
    await call({ logicalId, typeName }, property, command.constructor.name.replace(/Command$/, ''), () => env.clients.s3.send(command));
  }
}

async function exists(Bucket: string, env: NativeEnvironment): Promise<boolean> {
  try {
    await env.clients.s3.send(new HeadBucketCommand({ Bucket }));
    return true;
  } catch (err) {
    if (errorName(err) === 'NotFound' || errorName(err) === 'NoSuchBucket') return false;
    // Another account's bucket answers 403: the name is taken all the same.
    if (errorName(err) === 'Forbidden') return true;
    throw err;
  }
}

export const s3Bucket: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const name = (properties.BucketName as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 63, lowercase: true });
    // In us-east-1 S3 answers 200 to creating a bucket the caller already owns; CloudFormation refuses to adopt it.
    if (properties.BucketName !== undefined && (await exists(name, env))) {
      throw new NativeResourceError(logicalId, typeName, 'BucketName', `CreateBucket: BucketAlreadyExists: a bucket named ${name} already exists`);
    }
    await call({ logicalId, typeName }, properties.BucketName ? 'BucketName' : undefined, 'CreateBucket', () =>
      env.clients.s3.send(
        new CreateBucketCommand({
          Bucket: name,
          ObjectLockEnabledForBucket: properties.ObjectLockEnabled === true || undefined,
          // us-east-1 takes no location constraint; every other region needs its own.
          ...(env.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: env.region as any } }),
        }),
      ),
    );
    await configure(logicalId, name, {}, properties, env);
    return attributes(name, env);
  },
  async update({ logicalId, physicalId, properties, previousProperties }, env) {
    await configure(logicalId, physicalId, previousProperties, properties, env);
    return attributes(physicalId, env);
  },
  async delete({ logicalId, physicalId }, env) {
    // Like CloudFormation, a bucket that still holds objects is not emptied: the delete fails with S3's BucketNotEmpty.
    await call({ logicalId, typeName }, undefined, 'DeleteBucket', () =>
      deleteIgnoringMissing(['NoSuchBucket'], () => env.clients.s3.send(new DeleteBucketCommand({ Bucket: physicalId }))),
    );
  },
};

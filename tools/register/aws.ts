/**
 * The AWS calls `npm run register` makes, one small function per step. Every function takes its client, so
 * a caller (or a test) decides where each call goes.
 */
import { createHash } from 'node:crypto';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  DescribeTypeRegistrationCommand,
  RegisterTypeCommand,
  SetTypeConfigurationCommand,
  SetTypeDefaultVersionCommand,
  Stack,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export type Log = (line: string) => void;

/** How to wait for something AWS does asynchronously: exponential backoff between `firstMs` and `maxMs`. */
export interface Poll {
  readonly firstMs: number;
  readonly maxMs: number;
  readonly timeoutMs: number;
}

export const STACK_POLL: Poll = { firstMs: 2_000, maxMs: 10_000, timeoutMs: 30 * 60_000 };
export const REGISTRATION_POLL: Poll = { firstMs: 5_000, maxMs: 30_000, timeoutMs: 60 * 60_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls `check` until it returns a value, sleeping with backoff in between; throws `what` after the timeout. */
async function pollUntil<T>(poll: Poll, what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + poll.timeoutMs;
  for (let delay = poll.firstMs; ; delay = Math.min(poll.maxMs, delay * 2)) {
    const done = await check();
    if (done !== undefined) return done;
    if (Date.now() + delay > deadline) throw new Error(`timed out after ${poll.timeoutMs / 1000} s waiting for ${what}`);
    await sleep(delay);
  }
}

// ---- execution role stack -------------------------------------------------------------------------------

async function describeStack(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (err) {
    if ((err as Error).name === 'ValidationError' && /does not exist/.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** The first resource failure of the stack's latest operation, which says more than the stack's status. */
async function failureReason(cfn: CloudFormationClient, stack: Stack): Promise<string> {
  const { StackEvents = [] } = await cfn.send(new DescribeStackEventsCommand({ StackName: stack.StackId ?? stack.StackName }));
  const failed = StackEvents.filter((e) => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason).pop();
  return failed ? `${failed.LogicalResourceId}: ${failed.ResourceStatusReason}` : (stack.StackStatusReason ?? 'no reason given');
}

/** Waits until no operation runs on the stack; returns it, or undefined once it is deleted. */
async function settledStack(cfn: CloudFormationClient, stackName: string, poll: Poll): Promise<Stack | undefined> {
  return pollUntil<{ stack?: Stack }>(poll, `stack ${stackName}`, async () => {
    const stack = await describeStack(cfn, stackName);
    return !stack || stack.StackStatus === 'DELETE_COMPLETE' ? {} : stack.StackStatus?.endsWith('_IN_PROGRESS') ? undefined : { stack };
  }).then((r) => r.stack);
}

/**
 * Creates or updates the stack `stackName` from `templateBody`, waits for it, and returns its outputs. A stack whose
 * first create failed (ROLLBACK_COMPLETE) cannot be updated, so it is deleted and created again. An update with
 * nothing to change is fine.
 */
export async function deployStack(
  cfn: CloudFormationClient,
  stackName: string,
  templateBody: string,
  options: { poll?: Poll; log?: Log; parameters?: Record<string, readonly string[]> } = {},
): Promise<Record<string, string>> {
  const poll = options.poll ?? STACK_POLL;
  const log = options.log ?? (() => undefined);
  let stack = await settledStack(cfn, stackName, poll);
  if (stack?.StackStatus === 'ROLLBACK_COMPLETE') {
    log(`stack ${stackName} is ROLLBACK_COMPLETE from an earlier failed create; deleting it`);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    stack = await settledStack(cfn, stackName, poll);
    if (stack) throw new Error(`stack ${stackName}: could not delete it (${stack.StackStatus})`);
  }
  // A CommaDelimitedList parameter is one comma-separated string; every parameter is passed, so none keeps an old value.
  const Parameters = Object.entries(options.parameters ?? {}).map(([ParameterKey, list]) => ({ ParameterKey, ParameterValue: list.join(',') }));
  const input = { StackName: stackName, TemplateBody: templateBody, Capabilities: ['CAPABILITY_IAM' as const], Parameters };
  if (!stack) {
    await cfn.send(new CreateStackCommand(input));
  } else {
    try {
      await cfn.send(new UpdateStackCommand(input));
    } catch (err) {
      if (!/No updates are to be performed/.test((err as Error).message)) throw err;
    }
  }
  stack = await settledStack(cfn, stackName, poll);
  if (!stack || !['CREATE_COMPLETE', 'UPDATE_COMPLETE'].includes(stack.StackStatus!)) {
    throw new Error(`stack ${stackName} ended ${stack?.StackStatus ?? 'deleted'}: ${stack ? await failureReason(cfn, stack) : ''}`);
  }
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

/** The output `key` of a deployed stack, or an error naming the stack. */
export function stackOutput(outputs: Record<string, string>, stackName: string, key: string): string {
  const value = outputs[key];
  if (!value) throw new Error(`stack ${stackName} has no ${key} output`);
  return value;
}

/** Deploys a type's execution role stack (its generated resource-role.yaml, with its scopes) and returns the role's ARN. */
export async function deployExecutionRole(
  cfn: CloudFormationClient,
  stackName: string,
  templateBody: string,
  options: { poll?: Poll; log?: Log; parameters?: Record<string, readonly string[]> } = {},
): Promise<string> {
  return stackOutput(await deployStack(cfn, stackName, templateBody, options), stackName, 'ExecutionRoleArn');
}

// ---- package upload -------------------------------------------------------------------------------------

export const packageKey = (folder: string, zip: Buffer) => `orch-types/${folder}/${createHash('sha256').update(zip).digest('hex')}.zip`;

/** Uploads the package to s3://<bucket>/orch-types/<folder>/<sha256>.zip and returns that URL. */
export async function uploadPackage(s3: S3Client, bucket: string, folder: string, body: Buffer): Promise<string> {
  const key = packageKey(folder, body);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip' }));
  return `s3://${bucket}/${key}`;
}

// ---- registry -------------------------------------------------------------------------------------------

export interface Registration {
  readonly typeArn?: string;
  readonly typeVersionArn: string;
}

/**
 * Registers a new version of a private resource type and waits for CloudFormation to finish; throws with the
 * registration's Description when it fails.
 */
export async function registerType(
  cfn: CloudFormationClient,
  request: { typeName: string; packageUrl: string; executionRoleArn: string; loggingConfig?: { LogRoleArn: string; LogGroupName: string } },
  options: { poll?: Poll; log?: Log } = {},
): Promise<Registration> {
  const log = options.log ?? (() => undefined);
  const { RegistrationToken } = await cfn.send(
    new RegisterTypeCommand({
      Type: 'RESOURCE',
      TypeName: request.typeName,
      SchemaHandlerPackage: request.packageUrl,
      ExecutionRoleArn: request.executionRoleArn,
      LoggingConfig: request.loggingConfig,
    }),
  );
  if (!RegistrationToken) throw new Error(`RegisterType ${request.typeName} returned no RegistrationToken`);
  log(`${request.typeName}: registration ${RegistrationToken} in progress`);
  return pollUntil(options.poll ?? REGISTRATION_POLL, `registration ${RegistrationToken} of ${request.typeName}`, async () => {
    const status = await cfn.send(new DescribeTypeRegistrationCommand({ RegistrationToken }));
    if (status.ProgressStatus === 'FAILED') {
      throw new Error(`registration of ${request.typeName} failed: ${status.Description ?? 'no description'}`);
    }
    if (status.ProgressStatus !== 'COMPLETE') return undefined;
    if (!status.TypeVersionArn) throw new Error(`registration of ${request.typeName} completed without a TypeVersionArn`);
    return { typeArn: status.TypeArn, typeVersionArn: status.TypeVersionArn };
  });
}

/** Makes `typeVersionArn` the version stacks use. */
export async function setDefaultVersion(cfn: CloudFormationClient, typeVersionArn: string): Promise<void> {
  await cfn.send(new SetTypeDefaultVersionCommand({ Arn: typeVersionArn }));
}

/** Sets the type configuration (alias `default`) every request of the type carries from now on. */
export async function setTypeConfiguration(cfn: CloudFormationClient, type: { typeArn?: string; typeName: string }, configuration: Record<string, unknown>): Promise<void> {
  const target = type.typeArn ? { TypeArn: type.typeArn } : { TypeName: type.typeName, Type: 'RESOURCE' as const };
  await cfn.send(new SetTypeConfigurationCommand({ ...target, Configuration: JSON.stringify(configuration), ConfigurationAlias: 'default' }));
}

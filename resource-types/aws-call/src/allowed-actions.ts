import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../../runtime';
import { TYPE_NAME, TypeConfiguration } from './models';

/**
 * Which calls the type may make is the account admin's to say, not the stack author's: the execution role can
 * reach whatever its policy allows, and a template must not turn it into a general proxy. The handler checks the
 * call against the type configuration before anything is called, so a refusal names the action, whatever the role.
 */
export const SETTING = 'AllowedActions';

/** The one command that allows a call, for the messages and the README. */
export const SET_COMMAND = `aws cloudformation set-type-configuration --type RESOURCE --type-name ${TYPE_NAME} --configuration '{"${SETTING}":["dynamodb:PutItem","ssm:Get*"]}'`;

const PATTERN = /^([a-z0-9-]+|\*):[A-Za-z0-9*?]+$/;

/**
 * Operations IAM authorises under another action's name (the service authorization reference): for these an entry
 * may name either, so an admin who copies the role's actions into AllowedActions allows the same calls.
 */
export const IAM_ACTION_OF: Readonly<Record<string, string>> = {
  'lambda:Invoke': 'lambda:InvokeFunction',
  'lambda:InvokeWithResponseStream': 'lambda:InvokeFunction',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:DeleteObjects': 's3:DeleteObject',
};

/** An IAM-style action pattern as a regular expression: `*` any run of characters, `?` one, case ignored. */
function patternRegExp(pattern: string): RegExp {
  const quoted = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${quoted}$`, 'i');
}

/** The type configuration's list, or InvalidTypeConfiguration when what the admin set is not one. */
function allowedPatterns(configuration: unknown): string[] {
  const list = (configuration as TypeConfiguration | null | undefined)?.AllowedActions;
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || !PATTERN.test(p))) {
    throw handlerError(
      HandlerErrorCode.InvalidTypeConfiguration,
      `The type configuration's ${SETTING} must be a list of IAM actions such as "dynamodb:PutItem" or "ssm:Get*"; it is ${JSON.stringify(list)}`,
    );
  }
  return list;
}

/**
 * Throws AccessDenied naming the action, the call's property and the setting unless a pattern allows `action`
 * (`dynamodb:PutItem`), or the IAM action it is authorised as (`lambda:Invoke` as `lambda:InvokeFunction`).
 */
export function checkAllowed(property: string, action: string, configuration: unknown): void {
  const patterns = allowedPatterns(configuration);
  const names = IAM_ACTION_OF[action] ? [action, IAM_ACTION_OF[action]] : [action];
  if (patterns.some((p) => names.some((name) => patternRegExp(p).test(name)))) return;
  const now = patterns.length ? `it allows only ${patterns.join(', ')}` : 'it allows no call: none is set';
  throw handlerError(
    HandlerErrorCode.AccessDenied,
    `${property}: the action ${names.join(' (IAM: ')}${names.length > 1 ? ')' : ''} is not allowed by the ${TYPE_NAME} type configuration's ${SETTING} (${now}). ` +
      `The account admin allows it by adding a matching action: ${SET_COMMAND}`,
  );
}

import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { handlerError } from '../../../runtime';
import { TYPE_NAME, TypeConfiguration } from './models';
import { RepositoryLocation } from './repository-url';

/**
 * Where the type may push is not an IAM question (a git server is any URL on the internet), so the account admin
 * names it in the type configuration, which stack authors cannot set. Without it nothing is allowed: a stack author
 * must not be able to send the credentials the execution role can read to a server of their own.
 */
export const SETTING = 'AllowedRepositoryUrls';

/** The one command that allows a destination, for the messages and the README. */
export const SET_COMMAND = `aws cloudformation set-type-configuration --type RESOURCE --type-name ${TYPE_NAME} --configuration '{"${SETTING}":["https://github.com/my-org/*"]}'`;

const PATTERN = /^(https?):\/\/([^/]+)(\/.*)$/i;

/**
 * A pattern as a regular expression over the normalised URL: in the path `*` is any run of characters; in the host
 * and port it is a run of letters, digits and `-`, so it never reaches past a dot, a colon or the path.
 */
function patternRegExp(pattern: string): RegExp | undefined {
  const match = PATTERN.exec(pattern);
  if (!match) return undefined;
  const [, scheme, authority, path] = match;
  const quote = (text: string, star: string) => text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join(star);
  return new RegExp(`^${scheme.toLowerCase()}://${quote(authority.toLowerCase(), '[a-z0-9-]*')}${quote(path, '.*')}$`);
}

/** The type configuration's list, or InvalidTypeConfiguration when what the admin set is not one. */
function allowedPatterns(configuration: unknown): string[] {
  const list = (configuration as TypeConfiguration | null | undefined)?.AllowedRepositoryUrls;
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || !patternRegExp(p))) {
    throw handlerError(
      HandlerErrorCode.InvalidTypeConfiguration,
      `The type configuration's ${SETTING} must be a list of URL patterns such as "https://github.com/my-org/*"; it is ${JSON.stringify(list)}`,
    );
  }
  return list;
}

/** Throws AccessDenied naming the URL and the setting unless a pattern of the type configuration allows `repository`. */
export function checkDestination(repository: RepositoryLocation, configuration: unknown): void {
  const patterns = allowedPatterns(configuration);
  if (patterns.some((p) => patternRegExp(p)!.test(repository.url))) return;
  const now = patterns.length ? `it allows only ${patterns.join(', ')}` : 'it allows no destination: none is set';
  throw handlerError(
    HandlerErrorCode.AccessDenied,
    `RepositoryUrl: '${repository.url}' is not allowed by the ${TYPE_NAME} type configuration's ${SETTING} (${now}). The account admin allows it by adding a matching pattern: ${SET_COMMAND}`,
  );
}

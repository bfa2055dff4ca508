/**
 * The registration data of the CDK library (constructs/lib/registration/type-permissions.generated.ts), written by
 * tools/generate.ts: per type, the statements of its execution role (the same ones its resource-role.yaml renders,
 * from the schema and tools/role-scopes.ts), its task-record path, its package's file name, its log group and its
 * type configuration's properties; and the log delivery role's actions. The constructs package cannot import from
 * outside its folder (jsii), so the data is written into it, and `npm run generate -- --check` keeps it current.
 */
import { join } from 'node:path';
import { REGISTRY_PRINCIPAL } from './cloudformation-trust';
import { LOG_GROUP_ACTIONS, LOG_RETENTION_DAYS, logGroupName, UNSCOPED_LOG_ACTIONS } from './register/logging';
import { MAX_SESSION_SECONDS, recordPath, roleStatements } from './role-template';
import { hyphenated } from './submission-package';
import { TypeFolder } from './type-folders';

export const TYPE_PERMISSIONS_FILE = join('registration', 'type-permissions.generated.ts');

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function typePermissionsTs(types: TypeFolder[]): string {
  const data = [...types]
    .sort((a, b) => a.schema.typeName.localeCompare(b.schema.typeName))
    .map((type) => ({
      typeName: type.schema.typeName,
      packageFile: `${hyphenated(type.schema.typeName)}.zip`,
      recordPath: recordPath(type.schema.typeName),
      logGroupName: logGroupName(type.schema.typeName),
      statements: roleStatements(type.schema),
      configurationProperties: Object.keys(type.schema.typeConfiguration?.properties ?? {}),
    }));
  return [
    '// Generated from resource-types/*/orch-*.json, tools/role-scopes.ts, tools/role-template.ts and tools/register/logging.ts',
    '// by `npm run generate` (tools/type-permissions.ts). Do not edit: change those and regenerate.',
    '',
    '/** What a statement of an execution role acts on (tools/role-scopes.ts). */',
    "export type ResourceKind = 'records' | 'stateMachines' | 'executions' | 'functions' | 'objects' | 'buckets' | 'secrets' | 'codeCommitRepositories';",
    '',
    '/** One statement of a type\'s execution role: the schema\'s actions on one kind of resource. */',
    'export interface TypeStatement {',
    '  readonly sid: string;',
    '  readonly kind: ResourceKind;',
    '  readonly actions: readonly string[];',
    '}',
    '',
    '/** What registering one type needs. */',
    'export interface TypeRegistrationData {',
    '  readonly typeName: string;',
    '  /** The submission package `cfn submit --dry-run` writes for the type. */',
    '  readonly packageFile: string;',
    '  /** The SSM path of the task records. */',
    '  readonly recordPath: string;',
    '  readonly logGroupName: string;',
    '  readonly statements: readonly TypeStatement[];',
    '  /** The properties of the schema\'s typeConfiguration. */',
    '  readonly configurationProperties: readonly string[];',
    '}',
    '',
    `export const REGISTRY_PRINCIPAL = ${JSON.stringify(REGISTRY_PRINCIPAL)};`,
    `export const MAX_SESSION_SECONDS = ${MAX_SESSION_SECONDS};`,
    `export const LOG_RETENTION_DAYS = ${LOG_RETENTION_DAYS};`,
    `export const LOG_GROUP_ACTIONS: readonly string[] = ${JSON.stringify(LOG_GROUP_ACTIONS)};`,
    `export const UNSCOPED_LOG_ACTIONS: readonly string[] = ${JSON.stringify(UNSCOPED_LOG_ACTIONS)};`,
    '',
    `export const TYPES: readonly TypeRegistrationData[] = ${json(data)};`,
    '',
  ].join('\n');
}

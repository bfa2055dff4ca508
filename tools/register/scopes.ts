/**
 * The scopes file `npm run register -- --scopes <file>` reads: per type, what its execution role may reach beyond
 * its task records, and the type configuration to set. Keyed by type name:
 *
 *   {
 *     "Orch::StepFunctions::Task": { "StateMachineArns": ["arn:aws:states:eu-west-1:123456789012:stateMachine:train-*"] },
 *     "Orch::Lambda::Task":        { "FunctionArns": ["arn:aws:lambda:eu-west-1:123456789012:function:etl-*"] },
 *     "Orch::S3::FileReader":      { "S3": [{ "Bucket": "configs", "Prefix": "app/" }] },
 *     "Orch::Git::CommitFromS3": {
 *       "S3": [{ "Bucket": "releases", "Prefix": "model/" }],
 *       "SecretArns": ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:git/publisher-*"],
 *       "AllowedRepositoryUrls": ["https://github.com/my-org/*"]
 *     }
 *   }
 *
 * A list becomes the role stack parameter of the same name; `S3` pairs become S3ObjectArns (`<bucket>/<prefix>*`)
 * and S3BucketArns; the keys of the schema's `typeConfiguration` go to SetTypeConfiguration. A type the file does
 * not name gets the defaults: its role reaches its task records and nothing else.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { SCOPE_PARAMETERS, ScopeParameterName, scopeParameters } from '../role-scopes';
import { TypeFolder } from '../type-folders';

export interface TypeScopes {
  /** The role stack's parameters. */
  readonly parameters: Partial<Record<ScopeParameterName, string[]>>;
  /** What SetTypeConfiguration sets, when the file gives any of the schema's typeConfiguration properties. */
  readonly typeConfiguration?: Record<string, unknown>;
}

export type ScopesByType = ReadonlyMap<string, TypeScopes>;

const S3_KEY = 'S3';
const BUCKET = /^[a-z0-9*?][a-z0-9.*?-]{0,62}$/;

/** `aws-cn` for the China regions, `aws-us-gov` for GovCloud, else `aws`. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The keys a type's entry may hold. */
export function scopeKeys(type: TypeFolder): string[] {
  const params = scopeParameters(type.schema as any).filter((p) => p !== 'S3ObjectArns' && p !== 'S3BucketArns');
  const s3 = scopeParameters(type.schema as any).includes('S3ObjectArns') ? [S3_KEY] : [];
  return [...params, ...s3, ...Object.keys(type.schema.typeConfiguration?.properties ?? {})];
}

/** Reads and checks a scopes file; every error names the file, the type and the entry at fault. */
export function readScopesFile(file: string, types: TypeFolder[], partition: string): ScopesByType {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  return parseScopes(json, file, types, partition);
}

export function parseScopes(json: unknown, source: string, types: TypeFolder[], partition: string): ScopesByType {
  const fail = (where: string, message: string): never => {
    throw new Error(`${source}: ${where}: ${message}`);
  };
  if (!isObject(json)) fail('(top level)', 'must be an object keyed by type name, such as {"Orch::Lambda::Task": {"FunctionArns": [...]}}');
  const byName = new Map(types.map((t) => [t.schema.typeName as string, t]));
  const result = new Map<string, TypeScopes>();
  for (const [typeName, entry] of Object.entries(json as Record<string, unknown>)) {
    const type = byName.get(typeName) ?? fail(typeName, `not a type being registered; known: ${[...byName.keys()].join(', ')}`);
    if (!isObject(entry)) fail(typeName, 'must be an object');
    const allowed = scopeKeys(type);
    const parameters: Partial<Record<ScopeParameterName, string[]>> = {};
    const typeConfiguration: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      const where = `${typeName}.${key}`;
      if (!allowed.includes(key)) fail(where, `not a scope of ${typeName}; it takes ${allowed.join(', ')}`);
      if (!Array.isArray(value)) fail(where, 'must be a list');
      const list = value as unknown[];
      if (key in (type.schema.typeConfiguration?.properties ?? {})) {
        typeConfiguration[key] = list;
      } else if (key === S3_KEY) {
        const pairs = list.map((pair, i) => s3Pair(pair, `${where}[${i}]`, fail));
        parameters.S3ObjectArns = pairs.map((p) => `arn:${partition}:s3:::${p.bucket}/${p.prefix}*`);
        parameters.S3BucketArns = [...new Set(pairs.map((p) => `arn:${partition}:s3:::${p.bucket}`))];
      } else {
        const param = SCOPE_PARAMETERS[key as ScopeParameterName];
        parameters[key as ScopeParameterName] = list.map((arn, i) => {
          if (typeof arn !== 'string' || !param.pattern.test(arn)) fail(`${where}[${i}]`, `${JSON.stringify(arn)} is not of the form ${param.shape}`);
          if ((arn as string).includes(',')) fail(`${where}[${i}]`, 'must not contain a comma');
          return arn as string;
        });
      }
    }
    const configured = Object.keys(typeConfiguration).length ? checkTypeConfiguration(type, typeConfiguration, typeName, fail) : undefined;
    result.set(typeName, { parameters, typeConfiguration: configured });
  }
  return result;
}

function s3Pair(pair: unknown, where: string, fail: (where: string, message: string) => never): { bucket: string; prefix: string } {
  if (!isObject(pair)) return fail(where, 'must be {"Bucket": "<bucket>", "Prefix": "<key prefix>"}');
  const { Bucket, Prefix = '', ...rest } = pair as Record<string, unknown>;
  if (Object.keys(rest).length) fail(where, `unknown key ${Object.keys(rest).join(', ')}; a pair has Bucket and Prefix`);
  if (typeof Bucket !== 'string' || !BUCKET.test(Bucket)) fail(`${where}.Bucket`, `${JSON.stringify(Bucket)} is not a bucket name (or a pattern with * and ?)`);
  if (typeof Prefix !== 'string' || /[,*?]/.test(Prefix)) fail(`${where}.Prefix`, `${JSON.stringify(Prefix)} must be a key prefix without , * or ? (everything below it is included)`);
  return { bucket: Bucket as string, prefix: Prefix as string };
}

/** The schema's own typeConfiguration definition decides; CloudFormation checks SetTypeConfiguration the same way. */
function checkTypeConfiguration(type: TypeFolder, config: Record<string, unknown>, typeName: string, fail: (where: string, message: string) => never) {
  const validate = new Ajv({ allErrors: true, strict: false }).compile({ ...type.schema.typeConfiguration, type: 'object' });
  if (!validate(config)) {
    const e = validate.errors![0];
    const path = e.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
    fail(`${typeName}${path}`, `${JSON.stringify(valueAt(config, e.instancePath))} ${e.message}`);
  }
  return config;
}

function valueAt(value: unknown, pointer: string): unknown {
  return pointer.split('/').filter(Boolean).reduce<any>((v, key) => v?.[key], value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every scope parameter of the type's role stack: the file's lists, and empty (nothing) for the rest. */
export function roleParameters(type: TypeFolder, scopes: ScopesByType | undefined): Record<string, string[]> {
  const given = scopes?.get(type.schema.typeName)?.parameters ?? {};
  return Object.fromEntries(scopeParameters(type.schema).map((p) => [p, given[p] ?? []]));
}

/** One line per scope for the log: what the role will reach beyond the task records. */
export function describeScopes(type: TypeFolder, scopes: ScopesByType | undefined): string[] {
  const parameters = Object.entries(roleParameters(type, scopes)).filter(([, list]) => list.length);
  const lines = parameters.map(([name, list]) => `${name}: ${list.join(', ')}`);
  const config = scopes?.get(type.schema.typeName)?.typeConfiguration;
  if (config) lines.push(`type configuration: ${JSON.stringify(config)}`);
  return lines.length ? lines : ['no scopes given: the execution role reaches the task records only'];
}

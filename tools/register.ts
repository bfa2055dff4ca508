/**
 * Registers every type (or the chosen ones) as a private type in an AWS account, with its execution role:
 *
 *   npm run register -- --bucket <artifact bucket> [--scopes orch-scopes.json] [--region r] [--types stepfunctions-task,...] [--dry-run]
 *
 * For each type folder:
 *   1. build the submission package as `cfn submit --dry-run` does (`<type-name>.zip` in the type folder);
 *   2. create or update the stack `orch-type-role-<folder>` from the generated resource-role.yaml (a role that
 *      resources.cloudformation.amazonaws.com assumes, with the schema's handler permissions on the task records
 *      and on the resources the scopes file names for the type: tools/register/scopes.ts; none without one);
 *   3. create or update the stack `orch-type-logging-<folder>`: the handlers' log group and the role
 *      CloudFormation assumes to deliver their logs there (tools/register/logging.ts);
 *   4. upload the package to s3://<bucket>/orch-types/<folder>/<sha256>.zip;
 *   5. RegisterType with that LoggingConfig, wait for the registration, and SetTypeDefaultVersion to the new version;
 *   6. SetTypeConfiguration, when the scopes file gives the type's configuration (the git type's AllowedRepositoryUrls).
 * `--dry-run` builds the packages and prints the plan without calling AWS.
 * Before any of that, it refuses every chosen type whose `.rpdk-config` runtime Lambda has deprecated
 * (tools/lambda-runtimes.ts), so a doomed registration leaves nothing behind.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { ensurePythonTools } from '../local/python-env';
import { submitDryRun } from './submission-package';
import { deployExecutionRole, deployStack, Log, packageKey, Poll, registerType, setDefaultVersion, setTypeConfiguration, stackOutput, uploadPackage } from './register/aws';
import { loggingTemplate } from './register/logging';
import { assertRuntimeSupported, configuredRuntime } from './lambda-runtimes';
import { policyLines, renderRolePolicy, roleTemplateOf } from './register/render-policy';
import { describeScopes, partitionOf, readScopesFile, roleParameters, ScopesByType } from './register/scopes';
import { TypeFolder, typeFolders } from './type-folders';

export interface RegisterOptions {
  readonly bucket: string;
  readonly region?: string;
  /** Type folder names (`stepfunctions-task`); all types when empty. */
  readonly types: string[];
  readonly dryRun: boolean;
  /** The scopes file (tools/register/scopes.ts); without one every role reaches its task records only. */
  readonly scopesFile?: string;
}

export interface RegisterClients {
  /** Deploys the execution role stacks. */
  readonly stacks: CloudFormationClient;
  /** RegisterType, DescribeTypeRegistration, SetTypeDefaultVersion. */
  readonly registry: CloudFormationClient;
  readonly s3: S3Client;
}

export interface RegisteredType {
  readonly typeName: string;
  readonly executionRoleArn: string;
  readonly loggingConfig: { readonly LogRoleArn: string; readonly LogGroupName: string };
  readonly packageUrl: string;
  readonly typeVersionArn: string;
}

const USAGE = 'usage: npm run register -- --bucket <artifact bucket> [--scopes <scopes file>] [--region <region>] [--types <folder>,...] [--dry-run]';

export function parseRegisterArgs(argv: string[]): RegisterOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      bucket: { type: 'string' },
      region: { type: 'string' },
      types: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      scopes: { type: 'string' },
    },
    strict: true,
  });
  if (!values.bucket) throw new Error(`--bucket is required\n${USAGE}`);
  return {
    bucket: values.bucket,
    region: values.region,
    types: (values.types ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    dryRun: values['dry-run'] ?? false,
    ...(values.scopes !== undefined && { scopesFile: values.scopes }),
  };
}

/** The type folders to register, in order; throws on a name that is not a type folder. */
export function selectTypes(names: string[], all: TypeFolder[] = typeFolders()): TypeFolder[] {
  const known = all.map((t) => basename(t.dir));
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown type folder(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return names.length ? all.filter((t) => names.includes(basename(t.dir))) : all;
}

export const roleStackName = (type: TypeFolder) => `orch-type-role-${basename(type.dir)}`;
export const loggingStackName = (type: TypeFolder) => `orch-type-logging-${basename(type.dir)}`;

/** The type's generated, scoped resource-role.yaml (tools/role-template.ts), as deployed. */
export function roleTemplate(type: TypeFolder): string {
  return readFileSync(join(type.dir, 'resource-role.yaml'), 'utf8');
}

/** Days before a runtime's deprecation from which register warns that the types should move on. */
export const RUNTIME_WARNING_DAYS = 180;

/**
 * Throws for the first type whose runtime is deprecated at `now`, naming the type, the runtime and its date.
 * Returns a warning for each type whose runtime is deprecated within RUNTIME_WARNING_DAYS.
 */
export function checkRuntimes(types: TypeFolder[], now: Date): string[] {
  return types.flatMap((type) => {
    let runtime;
    try {
      runtime = assertRuntimeSupported(configuredRuntime(type.dir), now);
    } catch (err) {
      throw new Error(`${type.schema.typeName}: ${(err as Error).message}`);
    }
    const daysLeft = Math.ceil((Date.parse(`${runtime.deprecated}T00:00:00Z`) - now.getTime()) / 86_400_000);
    if (daysLeft > RUNTIME_WARNING_DAYS) return [];
    return [`${type.schema.typeName}: warning: Lambda deprecates ${runtime.name} on ${runtime.deprecated}, in ${daysLeft} day(s); after that the type can no longer be registered`];
  });
}

/** Registers the chosen types one after the other; stops at the first failure. */
export async function registerTypes(
  options: RegisterOptions,
  clients: RegisterClients | undefined,
  settings: { log?: Log; stackPoll?: Poll; registrationPoll?: Poll; now?: () => Date } = {},
): Promise<RegisteredType[]> {
  const log = settings.log ?? console.log;
  const registered: RegisteredType[] = [];
  const types = selectTypes(options.types);
  checkRuntimes(types, (settings.now ?? (() => new Date()))()).forEach((warning) => log(warning));
  // Read and checked before anything is built or deployed, so a mistake in it costs nothing.
  const scopes: ScopesByType | undefined = options.scopesFile ? readScopesFile(options.scopesFile, types, partitionOf(options.region ?? process.env.AWS_REGION)) : undefined;
  for (const type of types) {
    const typeName: string = type.schema.typeName;
    const folder = basename(type.dir);
    const stackName = roleStackName(type);
    log(`${typeName}: building package (cfn submit --dry-run)`);
    ensurePythonTools(log);
    const { zip: zipFile } = submitDryRun(type.dir);
    const zip = readFileSync(zipFile);
    log(`${typeName}: built ${zipFile}`);
    for (const line of describeScopes(type, scopes)) log(`${typeName}: scope ${line}`);
    if (options.dryRun) {
      const account = { region: options.region ?? process.env.AWS_REGION ?? '<region>', accountId: '<account>', partition: partitionOf(options.region ?? process.env.AWS_REGION) };
      for (const line of policyLines(renderRolePolicy(roleTemplateOf(type), roleParameters(type, scopes), account))) log(`${typeName}: role would allow ${line}`);
      log(`${typeName}: would deploy role stack ${stackName} and logging stack ${loggingStackName(type)}, upload s3://${options.bucket}/${packageKey(folder, zip)}, register and set it as default`);
      continue;
    }
    if (!clients) throw new Error('registering needs AWS clients');
    log(`${typeName}: deploying execution role stack ${stackName}`);
    const executionRoleArn = await deployExecutionRole(clients.stacks, stackName, roleTemplate(type), {
      poll: settings.stackPoll,
      log,
      parameters: roleParameters(type, scopes),
    });
    log(`${typeName}: execution role ${executionRoleArn}`);
    const loggingStack = loggingStackName(type);
    log(`${typeName}: deploying logging stack ${loggingStack}`);
    const logging = await deployStack(clients.stacks, loggingStack, loggingTemplate(typeName), { poll: settings.stackPoll, log });
    const loggingConfig = { LogRoleArn: stackOutput(logging, loggingStack, 'LogRoleArn'), LogGroupName: stackOutput(logging, loggingStack, 'LogGroupName') };
    log(`${typeName}: handler logs go to ${loggingConfig.LogGroupName}`);
    const packageUrl = await uploadPackage(clients.s3, options.bucket, folder, zip);
    log(`${typeName}: uploaded ${packageUrl}`);
    log(`${typeName}: registering`);
    const { typeArn, typeVersionArn } = await registerType(clients.registry, { typeName, packageUrl, executionRoleArn, loggingConfig }, { poll: settings.registrationPoll, log });
    log(`${typeName}: registered ${typeVersionArn}`);
    await setDefaultVersion(clients.registry, typeVersionArn);
    log(`${typeName}: default version is now ${typeVersionArn}`);
    const configuration = scopes?.get(typeName)?.typeConfiguration;
    if (configuration) {
      await setTypeConfiguration(clients.registry, { typeArn, typeName }, configuration);
      log(`${typeName}: type configuration set`);
    } else if (type.schema.typeConfiguration) {
      log(`${typeName}: type configuration left as it is (give it in the scopes file, or see README "Scopes")`);
    }
    registered.push({ typeName, executionRoleArn, loggingConfig, packageUrl, typeVersionArn });
  }
  return registered;
}

async function main(argv: string[]): Promise<void> {
  const options = parseRegisterArgs(argv);
  let clients: RegisterClients | undefined;
  if (!options.dryRun) {
    // Region and endpoint come from --region or the usual SDK settings (AWS_REGION, profile, AWS_ENDPOINT_URL).
    const cfn = new CloudFormationClient({ region: options.region });
    clients = { stacks: cfn, registry: cfn, s3: new S3Client({ region: options.region }) };
  }
  const registered = await registerTypes(options, clients);
  if (!options.dryRun) console.log(`registered ${registered.length} type(s)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`register failed: ${(err as Error).message}`);
    process.exit(1);
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Annotations, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { functionGrants, Grants, prefixGrants, secretGrants, stateMachineGrants } from './arns';
import { findReferences } from './references';
import { TypeInstallation, typeId } from './type-installation';
import { LOG_RETENTION_DAYS, ResourceKind, TYPES } from './type-permissions.generated';

/** Objects in S3 the types may read. */
export interface AllowedObjects {
  /** The bucket. */
  readonly bucket: s3.IBucket;

  /**
   * Key prefix of the objects; everything below it is included.
   *
   * @default - the whole bucket
   */
  readonly prefix?: string;

  /**
   * The types that may read them (of those that read S3: Orch::S3::FileReader, Orch::S3::MetadataReader,
   * Orch::Git::CommitFromS3).
   *
   * @default - every installed type that reads S3
   */
  readonly typeNames?: string[];
}

/** Calls Orch::Aws::Call may make. */
export interface AllowedAwsCalls {
  /**
   * IAM actions, `<service prefix>:<operation>` with `*` and `?` (`dynamodb:PutItem`, `ssm:Get*`): they go into the
   * type configuration's AllowedActions, which the handler checks before each call, and into the execution role.
   */
  readonly actions: string[];

  /** ARNs (or ARN patterns) of the resources those actions may act on; `*` only for actions IAM authorises on no resource. */
  readonly resources: string[];
}

/** Properties of OrchestrationTypes. */
export interface OrchestrationTypesProps {
  /**
   * The types to install, by type name (`Orch::StepFunctions::Task`).
   *
   * @default - every type: OrchestrationTypes.TYPE_NAMES
   */
  readonly typeNames?: string[];

  /**
   * A folder holding each type's submission package as `cfn submit --dry-run` writes it
   * (`orch-stepfunctions-task.zip`, ...).
   *
   * @default - the packages the npm and PyPI packages carry (their `packages/` folder)
   */
  readonly packagesDirectory?: string;

  /** State machines Orch::StepFunctions::Task may start (with their versions and aliases) and follow. @default - none */
  readonly stateMachines?: sfn.IStateMachine[];

  /** Functions Orch::Lambda::Task may invoke (with their versions and aliases). @default - none */
  readonly functions?: lambda.IFunction[];

  /** S3 objects the S3 readers and the git type may read. @default - none */
  readonly buckets?: AllowedObjects[];

  /** Secrets Orch::Git::CommitFromS3 may read as git credentials. @default - none */
  readonly secrets?: secretsmanager.ISecret[];

  /**
   * CodeCommit repositories Orch::Git::CommitFromS3 may push to: their ARNs in its role and their HTTPS clone URLs
   * among its allowed repository URLs.
   *
   * @default - none
   */
  readonly repositories?: codecommit.IRepository[];

  /**
   * URL patterns of the repositories Orch::Git::CommitFromS3 may push to (its type configuration's
   * AllowedRepositoryUrls), such as `https://github.com/my-org/*`.
   *
   * @default - none, so the git type pushes nowhere
   */
  readonly repositoryUrls?: string[];

  /**
   * The calls Orch::Aws::Call may make, each list of actions on its resources.
   *
   * @default - none, so the call type makes no call
   */
  readonly awsCalls?: AllowedAwsCalls[];

  /**
   * How long the handlers' logs are kept.
   *
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

const GIT_TYPE = 'Orch::Git::CommitFromS3';
const REPOSITORY_URLS = 'AllowedRepositoryUrls';
const CALL_TYPE = 'Orch::Aws::Call';
const ALLOWED_ACTIONS = 'AllowedActions';
/** The schema's pattern of an AllowedActions entry. */
const ACTION_PATTERN = /^([a-z0-9-]+|\*):[A-Za-z0-9*?]+$/;

/**
 * Installs the Orch types in the stack's account and region with `cdk deploy`: per type, its package as an asset,
 * an `AWS::CloudFormation::ResourceVersion` and `ResourceDefaultVersion`, its execution role, its log group and log
 * delivery role; and the git type's configuration.
 *
 * Each execution role reaches the type's task records and only the resources allowed here: through the props, and
 * through `allowFrom(scope)`, which adds what the Orch resources of a construct tree reference. Nothing allowed
 * means no access, as with the role templates `npm run register` deploys.
 */
export class OrchestrationTypes extends Construct {
  /** The names of every type the library knows. */
  public static readonly TYPE_NAMES: string[] = TYPES.map((t) => t.typeName);

  /** The installed types' names. */
  public readonly typeNames: string[];

  private readonly installations = new Map<string, TypeInstallation>();
  private readonly repositoryUrls: string[] = [];

  public constructor(scope: Construct, id: string, props: OrchestrationTypesProps = {}) {
    super(scope, id);
    const chosen = props.typeNames ?? OrchestrationTypes.TYPE_NAMES;
    const unknown = chosen.filter((name) => !OrchestrationTypes.TYPE_NAMES.includes(name));
    if (unknown.length) {
      throw new Error(`${this.node.path}: unknown type name(s) ${unknown.join(', ')}; known: ${OrchestrationTypes.TYPE_NAMES.join(', ')}`);
    }
    if (!chosen.length) throw new Error(`${this.node.path}: typeNames is empty; leave it out to install every type`);
    this.typeNames = OrchestrationTypes.TYPE_NAMES.filter((name) => chosen.includes(name));

    const packages = props.packagesDirectory ?? defaultPackagesDirectory();
    for (const data of TYPES.filter((t) => this.typeNames.includes(t.typeName))) {
      const packageFile = resolve(packages, data.packageFile);
      if (!existsSync(packageFile)) {
        throw new Error(
          `${this.node.path}: no package for ${data.typeName}: ${packageFile} does not exist. ` +
            (props.packagesDirectory
              ? `packagesDirectory (packages_directory in Python) must hold ${TYPES.map((t) => t.packageFile).join(', ')} (cfn submit --dry-run writes them)`
              : 'Build the packages with `npm run package:types` in the cfn-orchestration repository, or set packagesDirectory'),
        );
      }
      this.installations.set(
        data.typeName,
        new TypeInstallation(this, typeId(data.typeName), { data, packageFile, logRetention: props.logRetention ?? (LOG_RETENTION_DAYS as logs.RetentionDays) }),
      );
    }
    const git = this.installations.get(GIT_TYPE);
    if (git) this.configure(git, REPOSITORY_URLS, () => this.repositoryUrls);
    this.allowCalls(props.awsCalls ?? []);

    for (const machine of props.stateMachines ?? []) this.allowKinds(stateMachineGrants(machine.stateMachineArn));
    for (const fn of props.functions ?? []) this.allowKinds(functionGrants(fn.functionArn, Stack.of(this)));
    for (const secret of props.secrets ?? []) this.allowKinds(secretGrants(secret.secretFullArn ?? secret.secretArn));
    for (const repository of props.repositories ?? []) {
      this.allowKinds({ codeCommitRepositories: [repository.repositoryArn] });
      this.allowRepositoryUrl(repository.repositoryCloneUrlHttp);
    }
    for (const url of props.repositoryUrls ?? []) this.allowRepositoryUrl(url);
    for (const objects of props.buckets ?? []) {
      const grants = prefixGrants(objects.bucket.bucketName, objects.prefix);
      if (!objects.typeNames) {
        this.allowKinds(grants);
        continue;
      }
      for (const name of objects.typeNames) {
        const installation = this.installations.get(name);
        if (!installation || !installation.data.statements.some((s) => s.kind === 'objects')) {
          throw new Error(`${this.node.path}: buckets: ${name} is not an installed type that reads S3 (${this.typesActingOn('objects').join(', ') || 'none installed'})`);
        }
        installation.allow(grants);
      }
    }
  }

  /**
   * Allows what the Orch resources under `scope` reference (their state machines, functions, objects, secrets,
   * CodeCommit repositories and repository URLs), each to the type of the resource that references it. Call it once
   * the resources are defined; later ones are not seen.
   *
   * A resource in another stack gets its grants from a policy in its own stack, attached to the type's execution
   * role, and waits for it; its stack then deploys after this one.
   */
  public allowFrom(scope: IConstruct): void {
    for (const found of findReferences(scope)) {
      const installation = this.installations.get(found.typeName);
      if (!installation) {
        throw new Error(`${this.node.path}: allowFrom found ${found.resource.node.path}, an ${found.typeName}, which this OrchestrationTypes does not install (${this.typeNames.join(', ')})`);
      }
      installation.allow(found.grants, found.resource);
      for (const reason of found.unresolved) Annotations.of(found.resource).addWarningV2('@cfn-orchestration/constructs:unresolvedScope', reason);
      if (found.repositoryUrl !== undefined) this.allowRepositoryUrl(found.repositoryUrl, found.resource);
      // From another stack this is a dependency of its stack on this one.
      found.resource.node.addDependency(installation.defaultVersion, ...installation.readiness);
    }
  }

  /** The execution role of an installed type, which its handlers run with. */
  public executionRole(typeName: string): iam.IRole {
    return this.installation(typeName).executionRole;
  }

  /** The ARN of the installed type version (the ResourceVersion), which is the type's default version. */
  public typeVersionArn(typeName: string): string {
    return this.installation(typeName).version.attrArn;
  }

  private installation(typeName: string): TypeInstallation {
    const installation = this.installations.get(typeName);
    if (!installation) throw new Error(`${this.node.path}: ${typeName} is not installed here (${this.typeNames.join(', ')})`);
    return installation;
  }

  private typesActingOn(kind: ResourceKind): string[] {
    return [...this.installations.values()].filter((i) => i.data.statements.some((s) => s.kind === kind)).map((i) => i.data.typeName);
  }

  /** Allows each kind of `grants` to every installed type whose role has a statement for that kind. */
  private allowKinds(grants: Grants): void {
    for (const installation of this.installations.values()) installation.allow(grants);
  }

  /**
   * The git type's destinations are its type configuration, one document for the type, so they live in this
   * stack. A URL that the stack of an Orch resource found by allowFrom (`from`) defines cannot reach it: that stack
   * deploys after this one.
   */
  private allowRepositoryUrl(url: string, from?: IConstruct): void {
    if (!this.installations.has(GIT_TYPE)) {
      throw new Error(`${this.node.path}: repository URLs and repositories are for ${GIT_TYPE}, which is not installed here`);
    }
    const later = from && Stack.of(from) !== Stack.of(this) ? Stack.of(from) : undefined;
    const fromLater = Tokenization.reverseString(url).tokens.some((t) => t instanceof Reference && Stack.of(t.target) === later);
    if (fromLater) {
      // A warning, not an error: naming the URL in repositoryUrls is the way out, and allowFrom stays usable.
      Annotations.of(from!).addWarningV2(
        '@cfn-orchestration/constructs:laterRepositoryUrl',
        `the repository URL is known only when stack ${later!.stackName} deploys, after ${Stack.of(this).stackName}, which sets ${GIT_TYPE}'s ` +
          `${REPOSITORY_URLS}, so it is not allowed from here; name the URL (or a pattern) in repositoryUrls of ${this.node.path}`,
      );
      return;
    }
    if (!this.repositoryUrls.includes(url)) this.repositoryUrls.push(url);
  }

  /**
   * The call type's actions: one statement each in its execution role, and together its AllowedActions, set even
   * when empty (no call allowed), as the git type's destinations are.
   */
  private allowCalls(calls: AllowedAwsCalls[]): void {
    const installation = this.installations.get(CALL_TYPE);
    if (!installation) {
      if (calls.length) throw new Error(`${this.node.path}: awsCalls are for ${CALL_TYPE}, which is not installed here`);
      return;
    }
    const actions: string[] = [];
    calls.forEach((call, i) => {
      const bad = call.actions.find((a) => !Token.isUnresolved(a) && !ACTION_PATTERN.test(a));
      if (bad !== undefined) throw new Error(`${this.node.path}: awsCalls[${i}].actions: ${JSON.stringify(bad)} is not an IAM action such as dynamodb:PutItem or ssm:Get*`);
      if (!call.actions.length || !call.resources.length) throw new Error(`${this.node.path}: awsCalls[${i}]: give at least one action and one resource`);
      installation.addStatement(new iam.PolicyStatement({ actions: call.actions, resources: call.resources }));
      actions.push(...call.actions.filter((a) => !actions.includes(a)));
    });
    this.configure(installation, ALLOWED_ACTIONS, () => actions);
  }

  /**
   * SetTypeConfiguration through a custom resource: CloudFormation has no resource for a private type's
   * configuration. It always sets the whole list, so what the app allows is all that is allowed (none: an empty list).
   */
  private configure(installation: TypeInstallation, property: string, values: () => string[]): void {
    if (!installation.data.configurationProperties.includes(property)) return;
    const call: cr.AwsSdkCall = {
      service: 'CloudFormation',
      action: 'SetTypeConfiguration',
      parameters: {
        TypeArn: installation.version.attrTypeArn,
        ConfigurationAlias: 'default',
        Configuration: Lazy.string({ produce: () => Stack.of(this).toJsonString({ [property]: values() }) }),
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('ConfigurationArn'),
    };
    const configuration = new cr.AwsCustomResource(this, `${typeId(installation.data.typeName)}Configuration`, {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      // SetTypeConfiguration has no resource-level permissions (IAM's service authorization reference lists no
      // resource type for it), so the statement cannot name the type; the call itself names it by TypeArn.
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['cloudformation:SetTypeConfiguration'], resources: ['*'] })]),
    });
    configuration.node.addDependency(installation.defaultVersion);
    installation.readiness.push(configuration);
  }
}

/** The `packages/` folder of this npm package (also inside the Python wheel, which carries the npm tarball). */
function defaultPackagesDirectory(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@cfn-orchestration/constructs') return join(dir, 'packages');
  }
  throw new Error(`cannot find the @cfn-orchestration/constructs package above ${__dirname}`);
}

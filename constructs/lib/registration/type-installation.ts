/**
 * One type installed in the account: its package as an asset, its execution role (the generated statements, each
 * only once something is allowed for it), its log group and log delivery role, the ResourceVersion and the
 * ResourceDefaultVersion. Grants for resources in other stacks go into a policy in that stack, on this role.
 */
import { Aws, CfnResource, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cfn from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct, IConstruct } from 'constructs';
import { Grants } from './arns';
import {
  LOG_GROUP_ACTIONS,
  MAX_SESSION_SECONDS,
  REGISTRY_PRINCIPAL,
  ResourceKind,
  TypeRegistrationData,
  UNSCOPED_LOG_ACTIONS,
} from './type-permissions.generated';

/** `Orch::Git::CommitFromS3` -> `GitCommitFromS3`. */
export const typeId = (typeName: string) => typeName.split('::').slice(1).join('');

/** The statements of one policy document, each created when its first resource is allowed (IAM refuses an empty Resource). */
class ScopedStatements {
  private readonly byKind = new Map<ResourceKind, iam.PolicyStatement>();

  public constructor(
    private readonly data: TypeRegistrationData,
    private readonly addStatement: (statement: iam.PolicyStatement) => void,
  ) {}

  /** Adds what `grants` names for the kinds this type's statements act on; returns whether anything was added. */
  public add(grants: Grants): boolean {
    let added = false;
    for (const { sid, kind, actions } of this.data.statements) {
      const resources = grants[kind];
      if (kind === 'records' || !resources?.length) continue;
      let statement = this.byKind.get(kind);
      if (!statement) {
        statement = new iam.PolicyStatement({ sid, actions: [...actions] });
        this.byKind.set(kind, statement);
        this.addStatement(statement);
      }
      const known = new Set(statement.resources);
      const fresh = resources.filter((r) => !known.has(r));
      if (fresh.length) statement.addResources(...fresh);
      added = true;
    }
    return added;
  }
}

export interface TypeInstallationProps {
  readonly data: TypeRegistrationData;
  readonly packageFile: string;
  readonly logRetention: logs.RetentionDays;
}

export class TypeInstallation extends Construct {
  public readonly data: TypeRegistrationData;
  public readonly executionRole: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly logRole: iam.Role;
  public readonly version: cfn.CfnResourceVersion;
  public readonly defaultVersion: cfn.CfnResourceDefaultVersion;
  /** Resources the type's users must wait for beyond the default version (the type configuration). */
  public readonly readiness: IConstruct[] = [];

  private readonly statements: ScopedStatements;
  private readonly document: iam.PolicyDocument;
  private readonly remote = new Map<Stack, { policy: iam.Policy; statements: ScopedStatements }>();

  public constructor(scope: Construct, id: string, props: TypeInstallationProps) {
    super(scope, id);
    const { data } = props;
    this.data = data;
    const hyphenated = data.typeName.replace(/::/g, '-');

    const document = new iam.PolicyDocument({
      statements: data.statements
        .filter((s) => s.kind === 'records')
        .map((s) => {
          const parameter = `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${data.recordPath}`;
          // GetParametersByPath is authorised on the path itself, the rest on the parameters below it.
          return new iam.PolicyStatement({ sid: s.sid, actions: [...s.actions], resources: [parameter, `${parameter}/*`] });
        }),
    });
    this.document = document;
    this.statements = new ScopedStatements(data, (s) => document.addStatements(s));
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      description: `Execution role of ${data.typeName}: its task records and only the resources OrchestrationTypes allows`,
      assumedBy: registryPrincipal({
        StringLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:type/resource/${hyphenated}/*` },
      }),
      maxSessionDuration: Duration.seconds(MAX_SESSION_SECONDS),
      inlinePolicies: { ResourceTypePolicy: document },
    });

    // Deleted with the stack, as the register tool's logging stack does, so installing again finds the name free.
    this.logGroup = new logs.LogGroup(this, 'Logs', { logGroupName: data.logGroupName, retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.logRole = new iam.Role(this, 'LogDeliveryRole', {
      description: `Delivers the handler logs and metrics of ${data.typeName}`,
      assumedBy: registryPrincipal({}),
      inlinePolicies: {
        HandlerLogDelivery: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ actions: [...LOG_GROUP_ACTIONS], resources: [this.logGroup.logGroupArn] }),
            new iam.PolicyStatement({ actions: [...UNSCOPED_LOG_ACTIONS], resources: ['*'] }),
          ],
        }),
      },
    });

    const asset = new s3assets.Asset(this, 'Package', { path: props.packageFile });
    this.version = new cfn.CfnResourceVersion(this, 'Version', {
      typeName: data.typeName,
      schemaHandlerPackage: asset.s3ObjectUrl,
      executionRoleArn: this.executionRole.roleArn,
      loggingConfig: { logGroupName: this.logGroup.logGroupName, logRoleArn: this.logRole.roleArn },
    });
    this.defaultVersion = new cfn.CfnResourceDefaultVersion(this, 'DefaultVersion', { typeVersionArn: this.version.attrArn });
  }

  /** Adds a statement the admin wrote whole (Orch::Aws::Call's calls) to the execution role itself, so it cannot lag behind the registration. */
  public addStatement(statement: iam.PolicyStatement): void {
    this.document.addStatements(statement);
  }

  /**
   * Allows `grants` to the type's handlers. Resources of the installation's own stack go into the execution role;
   * those of another stack into a policy in that stack, attached to the role, which `resource` then waits for, so
   * the role reaches them before the handler runs and the registration never depends on the app's stacks.
   */
  public allow(grants: Grants, resource?: CfnResource): void {
    const stack = resource ? Stack.of(resource) : Stack.of(this);
    if (stack === Stack.of(this)) {
      this.statements.add(grants);
      return;
    }
    let remote = this.remote.get(stack);
    if (!remote) {
      const id = Names.nodeUniqueId(this.node);
      const policy = new iam.Policy(stack, `${id}Grants`, { roles: [iam.Role.fromRoleArn(stack, `${id}Role`, this.executionRole.roleArn)] });
      remote = { policy, statements: new ScopedStatements(this.data, (s) => policy.addStatements(s)) };
      this.remote.set(stack, remote);
    }
    remote.statements.add(grants);
    resource?.node.addDependency(remote.policy);
  }
}

/** CloudFormation's registry, for this account only (tools/cloudformation-trust.ts). */
function registryPrincipal(conditions: Record<string, unknown>): iam.IPrincipal {
  return new iam.ServicePrincipal(REGISTRY_PRINCIPAL, {
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ...conditions },
  });
}

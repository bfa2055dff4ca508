import { Size, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { checkPattern, integrationResource, isLiteral, isRuntimeValue } from './integration-resource';
import {
  ProcessingAppSpecification,
  ProcessingResources,
  ProcessingNetworkConfig,
  ProcessingS3DataDistributionType,
  ProcessingS3DataType,
  ProcessingS3Input,
  ProcessingS3InputMode,
  ProcessingS3Output,
  ProcessingS3UploadMode,
  ProcessingStoppingCondition,
} from './processing-job-types';

// Field names avoid the base props' own (`outputs` is JSONata's output template there).
/** Properties of a SageMakerCreateProcessingJob task state. */
export interface SageMakerCreateProcessingJobProps extends sfn.TaskStateBaseProps {
  /**
   * The job's name, unique in the account and region: usually a JsonPath
   * (`sfn.JsonPath.stringAt('$$.Execution.Name')`), since a literal name runs once only.
   */
  readonly processingJobName: string;

  /**
   * The role SageMaker runs the job with. The state machine role may pass this role and no other.
   *
   * @default - a role SageMaker can assume, with the AmazonSageMakerFullAccess managed policy
   */
  readonly role?: iam.IRole;

  /** The container the job runs. */
  readonly appSpecification: ProcessingAppSpecification;

  /** The instances the job runs on. */
  readonly processingResources: ProcessingResources;

  /**
   * Data downloaded into the container before it starts.
   *
   * @default - no inputs
   */
  readonly processingInputs?: ProcessingS3Input[];

  /**
   * Directories of the container uploaded to S3.
   *
   * @default - no outputs
   */
  readonly processingOutputs?: ProcessingS3Output[];

  /**
   * KMS key that encrypts the outputs.
   *
   * @default - the buckets' default encryption
   */
  readonly outputEncryptionKey?: kms.IKey;

  /**
   * Environment variables of the container.
   *
   * @default - none
   */
  readonly environment?: { [key: string]: string };

  /**
   * When SageMaker stops the job.
   *
   * @default - SageMaker's default limit
   */
  readonly stoppingCondition?: ProcessingStoppingCondition;

  /**
   * Network isolation, traffic encryption and the VPC.
   *
   * @default - no VPC, network access allowed
   */
  readonly networkConfig?: ProcessingNetworkConfig;

  /**
   * Tags of the job.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const SUPPORTED_PATTERNS = [sfn.IntegrationPattern.REQUEST_RESPONSE, sfn.IntegrationPattern.RUN_JOB];
// The managed EventBridge rule through which Step Functions learns that a processing job has ended (.sync).
const MANAGED_RULE = 'StepFunctionsGetEventsForSageMakerProcessingJobsRule';
// ProcessingJobName's pattern in the SageMaker API reference.
const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * A task state that creates an Amazon SageMaker processing job (`arn:aws:states:::sagemaker:createProcessingJob`),
 * and with `IntegrationPattern.RUN_JOB` waits for it to end (`.sync`).
 *
 * The state machine role gets what the pattern needs: the processing-job actions, for `.sync` the managed
 * EventBridge rule `StepFunctionsGetEventsForSageMakerProcessingJobsRule`, and `iam:PassRole` on the processing
 * role alone, only towards SageMaker.
 */
export class SageMakerCreateProcessingJob extends sfn.TaskStateBase implements iam.IGrantable, ec2.IConnectable, tasks.ISageMakerTask {
  /** The role the processing job runs with. */
  public readonly role: iam.IRole;

  /** The principal to grant the job's own permissions to (its role). */
  public readonly grantPrincipal: iam.IPrincipal;

  /** The job's network connections (empty without a VPC). */
  public readonly connections: ec2.Connections;

  /** The statements the state machine role gets. */
  protected readonly taskPolicies?: iam.PolicyStatement[];

  /** Not set, as on the CDK's own service-integration tasks: this integration defines no metric dimensions. */
  protected readonly taskMetrics?: sfn.TaskMetricsConfig;

  private readonly props: SageMakerCreateProcessingJobProps;
  private readonly integrationPattern: sfn.IntegrationPattern;
  private readonly imageUri: string;
  private readonly subnetIds?: string[];

  public constructor(scope: Construct, id: string, props: SageMakerCreateProcessingJobProps) {
    super(scope, id, props);
    this.props = props;
    this.integrationPattern = props.integrationPattern ?? sfn.IntegrationPattern.REQUEST_RESPONSE;
    checkPattern(this, this.integrationPattern, SUPPORTED_PATTERNS);
    this.validate(props);

    this.role = props.role ?? new iam.Role(this, 'ProcessingRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
    });
    this.grantPrincipal = this.role;

    const network = props.networkConfig;
    const securityGroups = network?.vpc
      ? network.securityGroups ?? [new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: network.vpc, allowAllOutbound: true })]
      : [];
    this.connections = new ec2.Connections({ securityGroups });
    this.subnetIds = network?.vpc ? network.vpc.selectSubnets(network.vpcSubnets).subnetIds : undefined;

    // bind() lets the role pull an ECR image, so it comes after the role exists.
    this.imageUri = props.appSpecification.image.bind(this).imageUri;
    this.taskPolicies = this.policyStatements();
  }

  /**
   * @internal
   */
  protected _renderTask(topLevelQueryLanguage?: sfn.QueryLanguage): any {
    const queryLanguage = this.queryLanguage ?? topLevelQueryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    return {
      Resource: integrationResource('sagemaker', 'createProcessingJob', this.integrationPattern),
      ...this._renderParametersOrArguments(this.renderRequest(), queryLanguage),
    };
  }

  private validate(props: SageMakerCreateProcessingJobProps): void {
    const fail = (message: string) => {
      throw new Error(`${this.node.path}: ${message}`);
    };
    if (isLiteral(props.processingJobName) && !JOB_NAME.test(props.processingJobName)) {
      fail(`processingJobName ${JSON.stringify(props.processingJobName)} must be 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit`);
    }
    const count = props.processingResources.instanceCount;
    if (count !== undefined && !Token.isUnresolved(count) && (!Number.isInteger(count) || count < 1)) {
      fail(`processingResources.instanceCount must be a whole number of at least 1, got ${count}`);
    }
    const seconds = props.stoppingCondition?.maxRuntime.toSeconds();
    if (seconds !== undefined && !Token.isUnresolved(seconds) && seconds < 1) {
      fail(`stoppingCondition.maxRuntime must be at least 1 second, got ${seconds}`);
    }
    const duplicate = (names: string[]) => names.find((name, i) => isLiteral(name) && names.indexOf(name) !== i);
    const input = duplicate((props.processingInputs ?? []).map((i) => i.inputName));
    if (input) fail(`two processingInputs are named ${JSON.stringify(input)}`);
    const output = duplicate((props.processingOutputs ?? []).map((o) => o.outputName));
    if (output) fail(`two processingOutputs are named ${JSON.stringify(output)}`);
    const net = props.networkConfig;
    if (net && !net.vpc && (net.vpcSubnets || net.securityGroups)) fail('networkConfig.vpcSubnets and securityGroups need networkConfig.vpc');
  }

  private renderRequest(): { [key: string]: any } {
    const p = this.props;
    const cluster = p.processingResources;
    const instanceType = cluster.instanceType.toString();
    return {
      ProcessingJobName: p.processingJobName,
      RoleArn: this.role.roleArn,
      AppSpecification: {
        ImageUri: this.imageUri,
        ...(p.appSpecification.containerEntrypoint ? { ContainerEntrypoint: p.appSpecification.containerEntrypoint } : {}),
        ...(p.appSpecification.containerArguments ? { ContainerArguments: p.appSpecification.containerArguments } : {}),
      },
      ProcessingResources: {
        ClusterConfig: {
          InstanceCount: cluster.instanceCount ?? 1,
          InstanceType: isRuntimeValue(instanceType) ? instanceType : `ml.${instanceType}`,
          VolumeSizeInGB: (cluster.volumeSize ?? Size.gibibytes(30)).toGibibytes(),
          ...(cluster.volumeEncryptionKey ? { VolumeKmsKeyId: cluster.volumeEncryptionKey.keyArn } : {}),
        },
      },
      ...(p.processingInputs?.length ? { ProcessingInputs: p.processingInputs.map(renderInput) } : {}),
      ...(p.processingOutputs?.length
        ? {
          ProcessingOutputConfig: {
            Outputs: p.processingOutputs.map(renderOutput),
            ...(p.outputEncryptionKey ? { KmsKeyId: p.outputEncryptionKey.keyArn } : {}),
          },
        }
        : {}),
      ...(p.environment ? { Environment: p.environment } : {}),
      ...(p.stoppingCondition ? { StoppingCondition: { MaxRuntimeInSeconds: p.stoppingCondition.maxRuntime.toSeconds() } } : {}),
      ...(p.networkConfig ? { NetworkConfig: this.renderNetwork(p.networkConfig) } : {}),
      ...(p.tags ? { Tags: Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    };
  }

  private renderNetwork(net: ProcessingNetworkConfig): { [key: string]: any } {
    return {
      ...(net.enableNetworkIsolation !== undefined ? { EnableNetworkIsolation: net.enableNetworkIsolation } : {}),
      ...(net.enableInterContainerTrafficEncryption !== undefined
        ? { EnableInterContainerTrafficEncryption: net.enableInterContainerTrafficEncryption }
        : {}),
      ...(this.subnetIds
        ? { VpcConfig: { SecurityGroupIds: this.connections.securityGroups.map((g) => g.securityGroupId), Subnets: this.subnetIds } }
        : {}),
    };
  }

  private policyStatements(): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const jobs = stack.formatArn({ service: 'sagemaker', resource: 'processing-job', resourceName: '*' });
    const sync = this.integrationPattern === sfn.IntegrationPattern.RUN_JOB;
    // Tags in the request are authorized as sagemaker:AddTags; .sync tags and reads tags of the job it follows.
    const jobActions = sync
      ? ['sagemaker:CreateProcessingJob', 'sagemaker:DescribeProcessingJob', 'sagemaker:StopProcessingJob', 'sagemaker:ListTags', 'sagemaker:AddTags']
      : ['sagemaker:CreateProcessingJob', ...(this.props.tags ? ['sagemaker:AddTags'] : [])];
    return [
      new iam.PolicyStatement({ actions: jobActions, resources: [jobs] }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
      ...(sync
        ? [new iam.PolicyStatement({
          actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: MANAGED_RULE })],
        })]
        : []),
    ];
  }
}

function renderInput(input: ProcessingS3Input): { [key: string]: any } {
  return {
    InputName: input.inputName,
    S3Input: {
      S3Uri: input.s3Uri,
      LocalPath: input.localPath ?? `/opt/ml/processing/input/${input.inputName}`,
      S3DataType: input.s3DataType ?? ProcessingS3DataType.S3_PREFIX,
      S3InputMode: input.s3InputMode ?? ProcessingS3InputMode.FILE,
      S3DataDistributionType: input.s3DataDistributionType ?? ProcessingS3DataDistributionType.FULLY_REPLICATED,
      ...(input.s3CompressionType ? { S3CompressionType: input.s3CompressionType } : {}),
    },
  };
}

function renderOutput(output: ProcessingS3Output): { [key: string]: any } {
  return {
    OutputName: output.outputName,
    S3Output: {
      S3Uri: output.s3Uri,
      LocalPath: output.localPath ?? `/opt/ml/processing/output/${output.outputName}`,
      S3UploadMode: output.s3UploadMode ?? ProcessingS3UploadMode.END_OF_JOB,
    },
  };
}

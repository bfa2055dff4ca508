// The CreateProcessingJob request parts SageMakerCreateProcessingJob takes, as jsii structs and enums.
import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

/** The container a processing job runs (CreateProcessingJob `AppSpecification`). */
export interface ProcessingAppSpecification {
  /**
   * The image: `tasks.DockerImage.fromRegistry(uri)`, `fromEcrRepository(repo, tag)` (which also lets the processing
   * role pull it), `fromAsset(...)` or `fromJsonExpression(sfn.JsonPath.stringAt('$.image'))`.
   */
  readonly image: tasks.DockerImage;

  /**
   * The container's entrypoint.
   *
   * @default - the image's entrypoint
   */
  readonly containerEntrypoint?: string[];

  /**
   * Arguments passed to the entrypoint.
   *
   * @default - no arguments
   */
  readonly containerArguments?: string[];
}

/** The instances a processing job runs on (CreateProcessingJob `ProcessingResources.ClusterConfig`). */
export interface ProcessingResources {
  /** The ML instance type, without the `ml.` prefix (`ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE)`). */
  readonly instanceType: ec2.InstanceType;

  /**
   * Number of instances.
   *
   * @default 1
   */
  readonly instanceCount?: number;

  /**
   * The ML storage volume attached to each instance, in whole GiB.
   *
   * @default Size.gibibytes(30)
   */
  readonly volumeSize?: Size;

  /**
   * KMS key that encrypts the storage volumes.
   *
   * @default - SageMaker's default encryption
   */
  readonly volumeEncryptionKey?: kms.IKey;
}

/** How the S3 URI of an input selects objects. */
export enum ProcessingS3DataType {
  /** Every object under the URI as a key prefix. */
  S3_PREFIX = 'S3Prefix',
  /** The objects a manifest file at the URI lists. */
  MANIFEST_FILE = 'ManifestFile',
}

/** How input data reaches the container. */
export enum ProcessingS3InputMode {
  /** Downloaded to the local path before the container starts. */
  FILE = 'File',
  /** Streamed through a named pipe. */
  PIPE = 'Pipe',
}

/** How input data is spread over the instances. */
export enum ProcessingS3DataDistributionType {
  /** Every instance gets all of it. */
  FULLY_REPLICATED = 'FullyReplicated',
  /** Each instance gets a share, split by S3 key. */
  SHARDED_BY_S3_KEY = 'ShardedByS3Key',
}

/** Compression of input data in Pipe mode. */
export enum ProcessingS3CompressionType {
  /** Not compressed. */
  NONE = 'None',
  /** Gzip compressed. */
  GZIP = 'Gzip',
}

/** When output files are uploaded to S3. */
export enum ProcessingS3UploadMode {
  /** When the job ends. */
  END_OF_JOB = 'EndOfJob',
  /** While the job runs. */
  CONTINUOUS = 'Continuous',
}

/** One S3 input of a processing job (a `ProcessingInputs` entry with an `S3Input`). */
export interface ProcessingS3Input {
  /** The input's name, unique within the job. */
  readonly inputName: string;

  /** The S3 URI to read (`s3://bucket/prefix`, `bucket.s3UrlForObject(key)`, or a JsonPath). */
  readonly s3Uri: string;

  /**
   * Where the container finds the data.
   *
   * @default '/opt/ml/processing/input/<inputName>'
   */
  readonly localPath?: string;

  /**
   * How the URI selects objects.
   *
   * @default ProcessingS3DataType.S3_PREFIX
   */
  readonly s3DataType?: ProcessingS3DataType;

  /**
   * How the data reaches the container.
   *
   * @default ProcessingS3InputMode.FILE
   */
  readonly s3InputMode?: ProcessingS3InputMode;

  /**
   * How the data is spread over the instances.
   *
   * @default ProcessingS3DataDistributionType.FULLY_REPLICATED
   */
  readonly s3DataDistributionType?: ProcessingS3DataDistributionType;

  /**
   * Compression of the data (Pipe mode only).
   *
   * @default - SageMaker's default (None)
   */
  readonly s3CompressionType?: ProcessingS3CompressionType;
}

/** One S3 output of a processing job (a `ProcessingOutputConfig.Outputs` entry with an `S3Output`). */
export interface ProcessingS3Output {
  /** The output's name, unique within the job. */
  readonly outputName: string;

  /** The S3 URI the files go to (`s3://bucket/prefix`, `bucket.s3UrlForObject(key)`, or a JsonPath). */
  readonly s3Uri: string;

  /**
   * The directory in the container whose files are uploaded.
   *
   * @default '/opt/ml/processing/output/<outputName>'
   */
  readonly localPath?: string;

  /**
   * When the files are uploaded.
   *
   * @default ProcessingS3UploadMode.END_OF_JOB
   */
  readonly s3UploadMode?: ProcessingS3UploadMode;
}

/** Networking of a processing job (CreateProcessingJob `NetworkConfig`). */
export interface ProcessingNetworkConfig {
  /**
   * Run the containers without network access.
   *
   * @default false
   */
  readonly enableNetworkIsolation?: boolean;

  /**
   * Encrypt traffic between the instances of a distributed job.
   *
   * @default false
   */
  readonly enableInterContainerTrafficEncryption?: boolean;

  /**
   * The VPC the instances run in.
   *
   * @default - no VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets of `vpc` to use.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the instances.
   *
   * @default - with `vpc`, a new security group that allows all outbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** When SageMaker stops a processing job (CreateProcessingJob `StoppingCondition`). */
export interface ProcessingStoppingCondition {
  /** The longest the job may run; SageMaker stops it then. */
  readonly maxRuntime: Duration;
}

/**
 * One factory per task construct, each making the construct with its required props in a fresh stack, so the
 * behaviour every task shares (rerun options, ordering) is tested once over all of them.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { GitCommitFromS3, LambdaTask, S3FileReader, S3MetadataReader, StepFunctionsTask } from '@cfn-orchestration/constructs';

export interface RerunProps {
  readonly runAlways?: boolean;
  readonly rerunOn?: string[];
}

/** What the ordering tests call on every task. */
export interface OrderedTask extends IConstruct {
  executeAfter(...others: IConstruct[]): OrderedTask;
  executeBefore(...others: IConstruct[]): OrderedTask;
}

export interface TaskFactory {
  readonly name: string;
  readonly type: string;
  /** What runAlways repeats, as the refusal of runAlways with rerunOn says it. */
  readonly again: string;
  make(scope: Construct, id: string, rerun?: RerunProps): OrderedTask;
}

export function testStack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

const bucketOf = (scope: Construct) => s3.Bucket.fromBucketName(scope, 'Bucket', 'data-bucket');

export const TASK_FACTORIES: TaskFactory[] = [
  {
    name: 'StepFunctionsTask',
    type: 'Orch::StepFunctions::Task',
    again: 'runs the execution',
    make: (scope, id, rerun) =>
      new StepFunctionsTask(scope, id, {
        stateMachine: sfn.StateMachine.fromStateMachineName(scope, `${id}Machine`, 'train'),
        ...rerun,
      }),
  },
  {
    name: 'LambdaTask',
    type: 'Orch::Lambda::Task',
    again: 'invokes the function',
    make: (scope, id, rerun) =>
      new LambdaTask(scope, id, { function: lambda.Function.fromFunctionName(scope, `${id}Function`, 'prepare'), ...rerun }),
  },
  {
    name: 'S3FileReader',
    type: 'Orch::S3::FileReader',
    again: 'reads the object',
    make: (scope, id, rerun) => new S3FileReader(scope, id, { bucket: bucketOf(new Construct(scope, `${id}Source`)), key: 'config.json', ...rerun }),
  },
  {
    name: 'S3MetadataReader',
    type: 'Orch::S3::MetadataReader',
    again: 'reads the metadata',
    make: (scope, id, rerun) => new S3MetadataReader(scope, id, { bucket: bucketOf(new Construct(scope, `${id}Source`)), key: 'model.tar.gz', ...rerun }),
  },
  {
    name: 'GitCommitFromS3',
    type: 'Orch::Git::CommitFromS3',
    again: 'publishes the prefix',
    make: (scope, id, rerun) =>
      new GitCommitFromS3(scope, id, {
        bucket: bucketOf(new Construct(scope, `${id}Source`)),
        repository: codecommit.Repository.fromRepositoryName(scope, `${id}Repository`, 'config'),
        commitMessage: 'Release',
        ...rerun,
      }),
  },
];

/** A secret for tests that need one, imported by ARN so its ARN renders as a literal. */
export function importedSecret(scope: Construct): secretsmanager.ISecret {
  return secretsmanager.Secret.fromSecretCompleteArn(scope, 'Token', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-token-AbCdEf');
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, CfnCondition, CfnOutput, CfnParameter, CfnParameterProps, CfnResource, Duration, Fn, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { GitCommitFromS3, LambdaTask, S3FileReader, StepFunctionsTask } from '@cfn-orchestration/constructs';
import { Construct } from 'constructs';

// The same state machine and function code as pipeline.yaml, read from the files that template inlines.
const EXAMPLE = join(__dirname, '..');
const TRAINING_DEFINITION = readFileSync(join(EXAMPLE, 'train-and-evaluate.asl.json'), 'utf8');
const DATASET_CODE = readFileSync(join(EXAMPLE, 'functions', 'dataset.js'), 'utf8');

/**
 * The research pipeline of pipeline.yaml as a CDK stack: the same parameters, resources and outputs, with the
 * cfn-orchestration constructs for the Orch steps and grants for the permissions the YAML spells out.
 */
export class ResearchPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const text = (name: string, options: CfnParameterProps = {}) =>
      new CfnParameter(this, name, { type: 'String', ...options }).valueAsString;
    const modelName = text('ModelName', { default: 'classifier', allowedPattern: '^[a-z][a-z0-9-]{1,30}$' });
    const modelVersion = text('ModelVersion', { default: '1', allowedPattern: '^[0-9]{1,6}$' });
    const epochs = new CfnParameter(this, 'Epochs', { type: 'Number', default: 10, minValue: 1, maxValue: 1000 }).valueAsString;
    const minAccuracy = text('MinAccuracy', { default: '0.8', allowedPattern: '^(0(\\.[0-9]+)?|1(\\.0+)?)$' });
    const datasetVersion = text('DatasetVersion', { default: '2026-12-01', allowedPattern: '^[A-Za-z0-9._-]{1,64}$' });
    const datasetRows = new CfnParameter(this, 'DatasetRows', { type: 'Number', default: 600, minValue: 40, maxValue: 100000 }).valueAsString;
    const gitRepositoryUrl = text('GitRepositoryUrl', { description: 'HTTPS URL of the release repository' });
    const gitCredentialsSecretArn = text('GitCredentialsSecretArn', { description: 'Secrets Manager secret with {"username", "password"}' });
    Validations.of(this).acknowledge({ id: 'CloudFormation-Validate::W2509', reason: 'GitCredentialsSecretArn names the secret; it holds no secret value' });
    const gitServerIsLocal = text('GitServerIsLocal', { default: 'false', allowedValues: ['true', 'false'] });
    const localGitServer = new CfnCondition(this, 'LocalGitServer', { expression: Fn.conditionEquals(gitServerIsLocal, 'true') });

    // The data outlives the stack (and CloudFormation would not delete a bucket that holds objects).
    const bucket = new s3.Bucket(this, 'DataBucket', {
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const topic = new sns.Topic(this, 'JobStatusTopic', { displayName: 'Research pipeline job status' });

    const datasetRole = new iam.Role(this, 'DatasetFunctionRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    datasetRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`arn:${this.partition}:logs:${this.region}:${this.account}:log-group:/aws/lambda/*`],
      }),
    );
    bucket.grantPut(datasetRole, 'datasets/*');
    const datasetFunction = new lambda.Function(this, 'DatasetFunction', {
      description: 'Writes the synthetic dataset into the input bucket (functions/dataset.js)',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(DATASET_CODE),
      timeout: Duration.seconds(30),
      memorySize: 256,
      role: datasetRole,
    });
    const dataset = new LambdaTask(this, 'Dataset', {
      function: datasetFunction,
      payload: { bucket: bucket.bucketName, key: `datasets/${datasetVersion}/train.jsonl`, version: datasetVersion, rows: datasetRows, folds: 4 },
    });

    const trainingRole = new iam.Role(this, 'TrainingRole', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    bucket.grantRead(trainingRole, 'datasets/*');
    bucket.grantPut(trainingRole, 'release/*');
    topic.grantPublish(trainingRole);
    const machine = new sfn.StateMachine(this, 'TrainingStateMachine', {
      definitionBody: sfn.DefinitionBody.fromString(TRAINING_DEFINITION),
      definitionSubstitutions: { JobStatusTopicArn: topic.topicArn },
      role: trainingRole,
    });

    // Step Functions reports every execution's end on the default event bus; the training machine's go to the topic.
    new events.Rule(this, 'JobStatusRule', {
      description: 'Training job status changes, to the job status topic',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [machine.stateMachineArn] },
      },
      // The target also writes the topic's policy letting EventBridge publish (an AWS::SNS::TopicPolicy).
      targets: [new targets.SnsTopic(topic)],
    });

    const train = new StepFunctionsTask(this, 'Train', {
      stateMachine: machine,
      input: {
        bucket: bucket.bucketName,
        dataset: { uri: dataset.output('uri'), key: dataset.output('key'), rows: dataset.output('rows'), sha256: dataset.output('sha256') },
        folds: dataset.output('folds'),
        holdout: dataset.output('holdout'),
        minAccuracy,
        model: { name: modelName, version: modelVersion, epochs },
        releasePrefix: `release/${modelName}/v${modelVersion}/`,
      },
    });
    const accuracy = train.output('metrics.accuracy');
    const f1 = train.output('metrics.f1');

    // The model card the training wrote, read again whenever training ran again.
    const modelCard = new S3FileReader(this, 'ModelCard', { bucket, key: train.output('modelCard.key'), rerunOn: [train.executionArn] });

    const release = new GitCommitFromS3(this, 'Release', {
      bucket,
      prefix: train.output('release.prefix'),
      repositoryUrl: gitRepositoryUrl,
      secret: secretsmanager.Secret.fromSecretCompleteArn(this, 'GitCredentials', gitCredentialsSecretArn),
      targetDirectory: `models/${modelName}`,
      mirror: true,
      commitMessage: `Release ${modelName} v${modelVersion}: holdout accuracy ${accuracy}, f1 ${f1}`,
      tag: `${modelName}-v${modelVersion}`,
      rerunOn: [train.executionArn],
    });
    // A template condition, not a synth-time boolean: the same synthesized template serves a local and a real server.
    (release.node.defaultChild as CfnResource).addPropertyOverride('AllowInsecureHttp', Fn.conditionIf(localGitServer.logicalId, true, false));

    // Named after the stack as deployed (AWS::StackName), as pipeline.yaml's are, so two deployments never collide.
    const exported = (name: string, value: string, description?: string) =>
      new CfnOutput(this, name, { value, description, exportName: `${Aws.STACK_NAME}-${name}` });
    exported('DataBucketName', bucket.bucketName, 'The input bucket (datasets/ and release/)');
    exported('DatasetUri', dataset.output('uri'));
    exported('DatasetKey', dataset.output('key'));
    exported('JobStatusTopicArn', topic.topicArn);
    exported('Accuracy', accuracy, 'Holdout accuracy of the trained model');
    exported('F1', f1);
    new CfnOutput(this, 'ModelCardAccuracy', { value: modelCard.output('metrics.accuracy'), description: 'The accuracy the model card records (read back from S3)' });
    exported('ReleaseCommitSha', release.commitSha);
    exported('ReleaseTag', `${modelName}-v${modelVersion}`);
  }
}

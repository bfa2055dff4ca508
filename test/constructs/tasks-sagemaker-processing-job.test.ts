/**
 * SageMakerCreateProcessingJob, from the jsii-compiled package: the IAM the state machine role gets for each
 * integration pattern (exact actions and resources; iam:PassRole on the processing role only), the rendered task
 * state, the processing role, the refusals, and the whole synthesized definition through asl-validator.
 */
import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  ProcessingS3DataDistributionType,
  ProcessingS3DataType,
  ProcessingS3InputMode,
  ProcessingS3UploadMode,
  SageMakerCreateProcessingJob,
  SageMakerCreateProcessingJobProps,
} from '@cfn-orchestration/constructs';
import { ACCOUNT, aslErrors, decision, definitionOf, machinePolicy, REGION, roleArnOf } from './tasks-asl';

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/features:1.4';
const JOBS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sagemaker:${REGION}:${ACCOUNT}:processing-job/*`]] };
const RULE = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule`]] };

function newStack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: ACCOUNT, region: REGION } });
}

function baseProps(): SageMakerCreateProcessingJobProps {
  return {
    processingJobName: sfn.JsonPath.stringAt('$$.Execution.Name'),
    appSpecification: { image: tasks.DockerImage.fromRegistry(IMAGE) },
    processingResources: { instanceType: ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE) },
  };
}

function setup(props: Partial<SageMakerCreateProcessingJobProps> = {}, stack = newStack()) {
  const job = new SageMakerCreateProcessingJob(stack, 'Features', { ...baseProps(), ...props });
  const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(job) });
  return { stack, job, machine };
}

/** The statements of the state machine role's policy, resolved. */
function machineStatements(stack: Stack, machine: sfn.StateMachine): any[] {
  const roleId = stack.resolve(machine.role.roleName).Ref;
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === roleId));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

function passRole(stack: Stack, role: iam.IRole) {
  return {
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: stack.resolve(role.roleArn),
    Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
  };
}

describe('IAM of the state machine role', () => {
  test('RUN_JOB (.sync): the processing-job actions, the managed EventBridge rule, PassRole on the processing role', () => {
    const { stack, job, machine } = setup({ integrationPattern: sfn.IntegrationPattern.RUN_JOB });
    expect(machineStatements(stack, machine)).toEqual([
      {
        Effect: 'Allow',
        Action: ['sagemaker:CreateProcessingJob', 'sagemaker:DescribeProcessingJob', 'sagemaker:StopProcessingJob', 'sagemaker:ListTags', 'sagemaker:AddTags'],
        Resource: JOBS,
      },
      passRole(stack, job.role),
      { Effect: 'Allow', Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], Resource: RULE },
    ]);
  });

  test('REQUEST_RESPONSE: CreateProcessingJob and PassRole only; no rule, no describe or stop', () => {
    const { stack, job, machine } = setup();
    expect(machineStatements(stack, machine)).toEqual([
      { Effect: 'Allow', Action: 'sagemaker:CreateProcessingJob', Resource: JOBS },
      passRole(stack, job.role),
    ]);
  });

  test('REQUEST_RESPONSE with tags adds sagemaker:AddTags, which SageMaker checks for tags in a create request', () => {
    const { stack, job, machine } = setup({ tags: { team: 'ml' } });
    expect(machineStatements(stack, machine)).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:CreateProcessingJob', 'sagemaker:AddTags'], Resource: JOBS },
      passRole(stack, job.role),
    ]);
  });

  test('PassRole names the given processing role and nothing else, though the stack holds other roles', () => {
    const stack = newStack();
    const processing = new iam.Role(stack, 'ProcessingRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    new iam.Role(stack, 'Unrelated', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const { machine, job } = setup({ role: processing, integrationPattern: sfn.IntegrationPattern.RUN_JOB }, stack);
    expect(job.role).toBe(processing);
    const statements = machineStatements(stack, machine);
    const passes = statements.filter((s) => [s.Action].flat().includes('iam:PassRole'));
    expect(passes).toEqual([passRole(stack, processing)]);
    for (const s of statements) {
      expect([s.Action].flat().some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
      expect([s.Resource].flat()).not.toContain('*');
    }
    // No role of its own: the given one is used as it is.
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 3);
  });

  test('an imported processing role is passed by its ARN', () => {
    const stack = newStack();
    const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/processing`);
    const { machine } = setup({ role: imported }, stack);
    expect(machineStatements(stack, machine)[1]).toEqual({ ...passRole(stack, imported), Resource: `arn:aws:iam::${ACCOUNT}:role/processing` });
  });
});

describe('the state machine role policy, evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate)', () => {
  const JOB = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/features-2026-12-01`;
  const MANAGED_RULE = `arn:aws:events:${REGION}:${ACCOUNT}:rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule`;
  const TO_SAGEMAKER = { 'iam:PassedToService': 'sagemaker.amazonaws.com' };

  async function decisions(pattern: sfn.IntegrationPattern): Promise<string[]> {
    const stack = newStack();
    const other = new iam.Role(stack, 'Other', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const { job, machine } = setup({ integrationPattern: pattern }, stack);
    const policy = machinePolicy(stack, machine);
    const requests: Array<[string, string, Record<string, string>?]> = [
      ['sagemaker:CreateProcessingJob', JOB],
      ['sagemaker:DescribeProcessingJob', JOB],
      ['sagemaker:StopProcessingJob', JOB],
      ['sagemaker:ListTags', JOB],
      ['sagemaker:AddTags', JOB],
      ['events:PutRule', MANAGED_RULE],
      ['events:PutTargets', MANAGED_RULE],
      ['events:DescribeRule', MANAGED_RULE],
      ['iam:PassRole', roleArnOf(stack, job.role), TO_SAGEMAKER],
      // Outside: another account's job, a training job, another rule, another role, the role towards another service.
      ['sagemaker:CreateProcessingJob', JOB.replace(ACCOUNT, '210987654321')],
      ['sagemaker:CreateTrainingJob', `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/features`],
      ['events:PutRule', `arn:aws:events:${REGION}:${ACCOUNT}:rule/SomeOtherRule`],
      ['iam:PassRole', roleArnOf(stack, other), TO_SAGEMAKER],
      ['iam:PassRole', roleArnOf(stack, job.role), { 'iam:PassedToService': 'ec2.amazonaws.com' }],
    ];
    const seen: string[] = [];
    for (const [action, resource, context] of requests) {
      seen.push(`${await decision(policy, action, resource, context)} ${action} ${resource.replace(/.*:/, '')}${context ? ` to ${Object.values(context)[0]}` : ''}`);
    }
    return seen;
  }

  test('RUN_JOB: the job actions and the managed rule are allowed, PassRole to SageMaker of the processing role only', async () => {
    expect(await decisions(sfn.IntegrationPattern.RUN_JOB)).toEqual([
      'Allowed sagemaker:CreateProcessingJob processing-job/features-2026-12-01',
      'Allowed sagemaker:DescribeProcessingJob processing-job/features-2026-12-01',
      'Allowed sagemaker:StopProcessingJob processing-job/features-2026-12-01',
      'Allowed sagemaker:ListTags processing-job/features-2026-12-01',
      'Allowed sagemaker:AddTags processing-job/features-2026-12-01',
      'Allowed events:PutRule rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule',
      'Allowed events:PutTargets rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule',
      'Allowed events:DescribeRule rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule',
      expect.stringMatching(/^Allowed iam:PassRole role\/FeaturesProcessingRole[0-9A-F]{8} to sagemaker.amazonaws.com$/),
      'ImplicitlyDenied sagemaker:CreateProcessingJob processing-job/features-2026-12-01',
      'ImplicitlyDenied sagemaker:CreateTrainingJob training-job/features',
      'ImplicitlyDenied events:PutRule rule/SomeOtherRule',
      expect.stringMatching(/^ImplicitlyDenied iam:PassRole role\/Other[0-9A-F]{8} to sagemaker.amazonaws.com$/),
      expect.stringMatching(/^ImplicitlyDenied iam:PassRole role\/FeaturesProcessingRole[0-9A-F]{8} to ec2.amazonaws.com$/),
    ]);
  });

  test('REQUEST_RESPONSE: only CreateProcessingJob and the PassRole; nothing to follow the job, no rule', async () => {
    const seen = await decisions(sfn.IntegrationPattern.REQUEST_RESPONSE);
    expect(seen.filter((s) => s.startsWith('Allowed'))).toEqual([
      'Allowed sagemaker:CreateProcessingJob processing-job/features-2026-12-01',
      expect.stringMatching(/^Allowed iam:PassRole role\/FeaturesProcessingRole[0-9A-F]{8} to sagemaker.amazonaws.com$/),
    ]);
    expect(seen).toHaveLength(14);
  });
});

describe('the processing role', () => {
  test('without a role the task creates one SageMaker assumes, with AmazonSageMakerFullAccess, and passes that one', () => {
    const { stack, job, machine } = setup();
    const roleId = stack.resolve(job.role.roleArn)['Fn::GetAtt'][0];
    const role = Template.fromStack(stack).toJSON().Resources[roleId];
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } },
    ]);
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSageMakerFullAccess']] },
    ]);
    expect(machineStatements(stack, machine)[1].Resource).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(job.grantPrincipal).toBe(job.role);
  });

  test('an ECR image lets the processing role pull it (the task is a CDK ISageMakerTask)', () => {
    const stack = newStack();
    const repository = new ecr.Repository(stack, 'Repo');
    const { job } = setup({ appSpecification: { image: tasks.DockerImage.fromEcrRepository(repository, '1.4') } }, stack);
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === stack.resolve(job.role.roleName).Ref))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Resource: stack.resolve(repository.repositoryArn),
    }));
  });
});

describe('the task state', () => {
  test('RUN_JOB renders createProcessingJob.sync with every request field', () => {
    const stack = newStack();
    const data = new s3.Bucket(stack, 'Data');
    const key = new kms.Key(stack, 'Key');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const { job } = setup({
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      appSpecification: {
        image: tasks.DockerImage.fromRegistry(IMAGE),
        containerEntrypoint: ['python3', '/opt/ml/code/features.py'],
        containerArguments: ['--day', '2026-12-01'],
      },
      processingResources: {
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE2),
        instanceCount: 2,
        volumeSize: Size.gibibytes(50),
        volumeEncryptionKey: key,
      },
      processingInputs: [
        { inputName: 'raw', s3Uri: data.s3UrlForObject('raw/') },
        {
          inputName: 'manifest',
          s3Uri: sfn.JsonPath.stringAt('$.manifest'),
          localPath: '/opt/ml/processing/manifest',
          s3DataType: ProcessingS3DataType.MANIFEST_FILE,
          s3InputMode: ProcessingS3InputMode.FILE,
          s3DataDistributionType: ProcessingS3DataDistributionType.SHARDED_BY_S3_KEY,
        },
      ],
      processingOutputs: [{ outputName: 'features', s3Uri: data.s3UrlForObject('features/'), s3UploadMode: ProcessingS3UploadMode.CONTINUOUS }],
      outputEncryptionKey: key,
      environment: { STAGE: 'prod' },
      stoppingCondition: { maxRuntime: Duration.hours(2) },
      networkConfig: { vpc, enableNetworkIsolation: false, enableInterContainerTrafficEncryption: true },
      tags: { team: 'ml' },
      resultPath: '$.job',
    }, stack);

    const keyArn = stack.resolve(key.keyArn);
    expect(stack.resolve(job.toStateJson())).toEqual({
      Type: 'Task',
      End: true,
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::sagemaker:createProcessingJob.sync']] },
      ResultPath: '$.job',
      Parameters: {
        'ProcessingJobName.$': '$$.Execution.Name',
        RoleArn: stack.resolve(job.role.roleArn),
        AppSpecification: {
          ImageUri: IMAGE,
          ContainerEntrypoint: ['python3', '/opt/ml/code/features.py'],
          ContainerArguments: ['--day', '2026-12-01'],
        },
        ProcessingResources: { ClusterConfig: { InstanceCount: 2, InstanceType: 'ml.c5.2xlarge', VolumeSizeInGB: 50, VolumeKmsKeyId: keyArn } },
        ProcessingInputs: [
          {
            InputName: 'raw',
            S3Input: {
              S3Uri: stack.resolve(data.s3UrlForObject('raw/')),
              LocalPath: '/opt/ml/processing/input/raw',
              S3DataType: 'S3Prefix',
              S3InputMode: 'File',
              S3DataDistributionType: 'FullyReplicated',
            },
          },
          {
            InputName: 'manifest',
            S3Input: {
              'S3Uri.$': '$.manifest',
              LocalPath: '/opt/ml/processing/manifest',
              S3DataType: 'ManifestFile',
              S3InputMode: 'File',
              S3DataDistributionType: 'ShardedByS3Key',
            },
          },
        ],
        ProcessingOutputConfig: {
          Outputs: [{
            OutputName: 'features',
            S3Output: { S3Uri: stack.resolve(data.s3UrlForObject('features/')), LocalPath: '/opt/ml/processing/output/features', S3UploadMode: 'Continuous' },
          }],
          KmsKeyId: keyArn,
        },
        Environment: { STAGE: 'prod' },
        StoppingCondition: { MaxRuntimeInSeconds: 7200 },
        NetworkConfig: {
          EnableNetworkIsolation: false,
          EnableInterContainerTrafficEncryption: true,
          VpcConfig: {
            SecurityGroupIds: [stack.resolve(job.connections.securityGroups[0].securityGroupId)],
            Subnets: stack.resolve(vpc.isolatedSubnets.map((s) => s.subnetId)),
          },
        },
        Tags: [{ Key: 'team', Value: 'ml' }],
      },
    });
    expect(job.connections.securityGroups).toHaveLength(1);
  });

  test('REQUEST_RESPONSE renders createProcessingJob without a suffix and only the fields given, with the defaults', () => {
    const { stack, job } = setup();
    expect(stack.resolve(job.toStateJson())).toEqual({
      Type: 'Task',
      End: true,
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::sagemaker:createProcessingJob']] },
      Parameters: {
        'ProcessingJobName.$': '$$.Execution.Name',
        RoleArn: stack.resolve(job.role.roleArn),
        AppSpecification: { ImageUri: IMAGE },
        ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
      },
    });
    expect(job.connections.securityGroups).toEqual([]);
  });

  test('given security groups are used as they are and no group is created', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    const { job } = setup({ networkConfig: { vpc, securityGroups: [group] } }, stack);
    expect(job.connections.securityGroups).toEqual([group]);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroup', 1);
    expect(stack.resolve((job.toStateJson() as any).Parameters.NetworkConfig.VpcConfig.SecurityGroupIds)).toEqual([stack.resolve(group.securityGroupId)]);
  });

  test('arguments from the state input come as a whole list (Step Functions fills Key.$ fields, never list items)', () => {
    const { job } = setup({ appSpecification: { image: tasks.DockerImage.fromJsonExpression(sfn.JsonPath.stringAt('$.image')), containerArguments: sfn.JsonPath.listAt('$.args') } });
    expect((job.toStateJson() as any).Parameters.AppSpecification).toEqual({ 'ImageUri.$': '$.image', 'ContainerArguments.$': '$.args' });
  });

  test('an instance type from the state input is passed as it is, without the ml. prefix', () => {
    const { job } = setup({ processingResources: { instanceType: new ec2.InstanceType(sfn.JsonPath.stringAt('$.instanceType')) } });
    expect((job.toStateJson() as any).Parameters.ProcessingResources.ClusterConfig).toEqual({ InstanceCount: 1, 'InstanceType.$': '$.instanceType', VolumeSizeInGB: 30 });
  });

  test('with the JSONata query language the request is Arguments', () => {
    const { job } = setup({ queryLanguage: sfn.QueryLanguage.JSONATA, processingJobName: '{% $states.context.Execution.Name %}' });
    const json = job.toStateJson() as any;
    expect(json.Arguments.ProcessingJobName).toBe('{% $states.context.Execution.Name %}');
    expect(json.Parameters).toBeUndefined();
  });
});

describe('refusals name the state', () => {
  test('WAIT_FOR_TASK_TOKEN, which SageMaker does not support', () => {
    expect(() => setup({ integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN }))
      .toThrow('Test/Features: integration pattern WAIT_FOR_TASK_TOKEN is not supported here; use one of REQUEST_RESPONSE, RUN_JOB');
  });

  test('a literal job name SageMaker would refuse; a JsonPath name is not checked', () => {
    expect(() => setup({ processingJobName: 'features_2026' })).toThrow(/^Test\/Features: processingJobName "features_2026" must be 1 to 63 letters/);
    expect(() => setup({ processingJobName: 'x'.repeat(64) })).toThrow(/processingJobName/);
    expect(() => setup({ processingJobName: 'features-2026-12-01' })).not.toThrow();
  });

  test('an instance count below 1, a zero run time, two inputs of one name, subnets without a VPC', () => {
    const type = ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE);
    expect(() => setup({ processingResources: { instanceType: type, instanceCount: 0 } })).toThrow('Test/Features: processingResources.instanceCount must be a whole number of at least 1, got 0');
    expect(() => setup({ stoppingCondition: { maxRuntime: Duration.seconds(0) } })).toThrow('Test/Features: stoppingCondition.maxRuntime must be at least 1 second, got 0');
    expect(() => setup({ processingInputs: [{ inputName: 'a', s3Uri: 's3://b/1' }, { inputName: 'a', s3Uri: 's3://b/2' }] })).toThrow('Test/Features: two processingInputs are named "a"');
    expect(() => setup({ processingOutputs: [{ outputName: 'o', s3Uri: 's3://b/1' }, { outputName: 'o', s3Uri: 's3://b/2' }] })).toThrow('Test/Features: two processingOutputs are named "o"');
    expect(() => setup({ networkConfig: { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } } })).toThrow('Test/Features: networkConfig.vpcSubnets and securityGroups need networkConfig.vpc');
  });
});

test.each([sfn.IntegrationPattern.REQUEST_RESPONSE, sfn.IntegrationPattern.RUN_JOB])(
  'the synthesized state machine with a %s processing job, retries, a catch and a choice passes asl-validator',
  (integrationPattern) => {
    const stack = newStack();
    const data = new s3.Bucket(stack, 'Data');
    const job = new SageMakerCreateProcessingJob(stack, 'Features', {
      ...baseProps(),
      integrationPattern,
      processingInputs: [{ inputName: 'raw', s3Uri: data.s3UrlForObject('raw/') }],
      processingOutputs: [{ outputName: 'features', s3Uri: sfn.JsonPath.stringAt('$.out') }],
      environment: { STAGE: 'prod' },
      tags: { team: 'ml' },
      resultSelector: { status: sfn.JsonPath.stringAt('$.ProcessingJobStatus') },
      resultPath: '$.job',
    });
    const failed = new sfn.Fail(stack, 'Failed', { error: 'ProcessingFailed' });
    job.addRetry({ errors: ['SageMaker.AmazonSageMakerException'], interval: Duration.seconds(30), maxAttempts: 3 });
    job.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(job.next(new sfn.Choice(stack, 'Completed?')
        .when(sfn.Condition.stringEquals('$.job.status', 'Completed'), new sfn.Succeed(stack, 'Done'))
        .otherwise(failed))),
    });
    const definition = definitionOf(stack);
    const suffix = integrationPattern === sfn.IntegrationPattern.RUN_JOB ? '.sync' : '';
    expect(definition.States.Features.Resource).toBe(`arn:aws:states:::sagemaker:createProcessingJob${suffix}`);
    expect(definition.States.Features.Parameters.RoleArn).toBe(roleArnOf(stack, job.role));
    expect(aslErrors(definition)).toEqual([]);
  },
);

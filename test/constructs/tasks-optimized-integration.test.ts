/**
 * OptimizedIntegrationTask, from the jsii-compiled package: the Resource for each integration pattern, the request
 * with JsonPath fields, exactly the IAM statements given, the refusals, and the whole definition through asl-validator.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { OptimizedIntegrationTask, OptimizedIntegrationTaskProps } from '@cfn-orchestration/constructs';
import { ACCOUNT, aslErrors, definitionOf, REGION } from './tasks-asl';

function setup(props: Partial<OptimizedIntegrationTaskProps> = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: ACCOUNT, region: REGION } });
  const task = new OptimizedIntegrationTask(stack, 'Run', { service: 'emr-serverless', action: 'startJobRun', ...props });
  return { stack, task };
}

function machine(stack: Stack, chain: sfn.IChainable): void {
  new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
}

function machinePolicyStatements(stack: Stack): unknown[] {
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('Resource', () => {
  test.each([
    [sfn.IntegrationPattern.REQUEST_RESPONSE, 'arn:aws:states:::emr-serverless:startJobRun'],
    [sfn.IntegrationPattern.RUN_JOB, 'arn:aws:states:::emr-serverless:startJobRun.sync'],
    [sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, 'arn:aws:states:::emr-serverless:startJobRun.waitForTaskToken'],
  ])('%s renders %s, with the partition of the stack', (integrationPattern, resource) => {
    const { stack, task } = setup({ integrationPattern, parameters: { Token: sfn.JsonPath.taskToken } });
    machine(stack, task);
    expect(definitionOf(stack).States.Run.Resource).toBe(resource);
    expect(stack.resolve((task.toStateJson() as any).Resource)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, resource.slice('arn:aws'.length)]] });
  });

  test('without integrationPattern it is REQUEST_RESPONSE', () => {
    const { stack, task } = setup();
    machine(stack, task);
    expect(definitionOf(stack).States.Run.Resource).toBe('arn:aws:states:::emr-serverless:startJobRun');
  });
});

test('the task state: JsonPath values become Key.$ fields, literals stay, the base options render', () => {
  const { stack, task } = setup({
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    parameters: {
      ApplicationId: 'app-1',
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/emr',
      JobDriver: { SparkSubmit: { EntryPoint: sfn.JsonPath.stringAt('$.script'), EntryPointArguments: ['--day', '1'] } },
      Name: sfn.JsonPath.stringAt('$$.Execution.Name'),
    },
    resultPath: '$.run',
    taskTimeout: sfn.Timeout.duration(Duration.hours(3)),
    comment: 'Spark job',
  });
  task.addRetry({ errors: ['EMRServerless.ThrottlingException'], maxAttempts: 4 });
  expect(stack.resolve(task.toStateJson())).toEqual({
    Type: 'Task',
    Comment: 'Spark job',
    End: true,
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::emr-serverless:startJobRun.sync']] },
    Parameters: {
      ApplicationId: 'app-1',
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/emr',
      JobDriver: { SparkSubmit: { 'EntryPoint.$': '$.script', EntryPointArguments: ['--day', '1'] } },
      'Name.$': '$$.Execution.Name',
    },
    ResultPath: '$.run',
    TimeoutSeconds: 10800,
    Retry: [{ ErrorEquals: ['EMRServerless.ThrottlingException'], MaxAttempts: 4 }],
  });
});

test('with the JSONata query language the request is Arguments, not Parameters', () => {
  const { task } = setup({ queryLanguage: sfn.QueryLanguage.JSONATA, parameters: { Name: '{% $states.input.name %}' } });
  const json = task.toStateJson() as any;
  expect(json.Arguments).toEqual({ Name: '{% $states.input.name %}' });
  expect(json.QueryLanguage).toBe('JSONata');
  expect(json.Parameters).toBeUndefined();
});

describe('IAM', () => {
  test('the state machine role gets exactly the statements given', () => {
    const { stack, task } = setup({
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      policyStatements: [
        new iam.PolicyStatement({ actions: ['emr-serverless:StartJobRun', 'emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun'], resources: ['arn:aws:emr-serverless:eu-west-1:123456789012:/applications/app-1/jobruns/*'] }),
        new iam.PolicyStatement({ actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], resources: ['arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForEMRServerlessJobRule'] }),
      ],
    });
    machine(stack, task);
    expect(machinePolicyStatements(stack)).toEqual([
      { Effect: 'Allow', Action: ['emr-serverless:StartJobRun', 'emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun'], Resource: 'arn:aws:emr-serverless:eu-west-1:123456789012:/applications/app-1/jobruns/*' },
      { Effect: 'Allow', Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], Resource: 'arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForEMRServerlessJobRule' },
    ]);
  });

  test('without statements the role gets no policy at all', () => {
    const { stack, task } = setup();
    machine(stack, task);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('refusals name the state', () => {
  test('WAIT_FOR_TASK_TOKEN without the task token in the parameters', () => {
    expect(() => setup({ integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, parameters: { Name: 'x' } }))
      .toThrow('Test/Run: WAIT_FOR_TASK_TOKEN needs sfn.JsonPath.taskToken in parameters, or nobody can end the wait');
  });

  test('a service that is not a prefix (an AWS SDK integration) and an action with a suffix or in PascalCase', () => {
    expect(() => setup({ service: 'aws-sdk:s3' })).toThrow(/^Test\/Run: service "aws-sdk:s3" must be a Step Functions service prefix/);
    expect(() => setup({ action: 'startJobRun.sync' })).toThrow(/^Test\/Run: action "startJobRun.sync" must be the camelCase API name/);
    expect(() => setup({ action: 'StartJobRun' })).toThrow(/^Test\/Run: action "StartJobRun"/);
  });
});

test('a whole state machine around the task (retry, catch, choice, wait for a token) passes asl-validator', () => {
  const { stack, task } = setup({ integrationPattern: sfn.IntegrationPattern.RUN_JOB, parameters: { ApplicationId: 'app-1', Name: sfn.JsonPath.stringAt('$.name') } });
  const approve = new OptimizedIntegrationTask(stack, 'Approve', {
    service: 'sqs',
    action: 'sendMessage',
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    parameters: { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/approvals', MessageBody: { token: sfn.JsonPath.taskToken } },
  });
  const failed = new sfn.Fail(stack, 'Failed', { error: 'JobFailed' });
  task.addRetry({ errors: ['States.TaskFailed'], maxAttempts: 2 }).addCatch(failed, { resultPath: '$.error' });
  machine(stack, task.next(approve).next(new sfn.Choice(stack, 'Approved?')
    .when(sfn.Condition.booleanEquals('$.approved', true), new sfn.Succeed(stack, 'Done'))
    .otherwise(failed)));
  const definition = definitionOf(stack);
  expect(Object.keys(definition.States).sort()).toEqual(['Approve', 'Approved?', 'Done', 'Failed', 'Run']);
  expect(aslErrors(definition)).toEqual([]);
});

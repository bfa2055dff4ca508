/**
 * LongRunningStepFunctionsTask, from the jsii-compiled package (npm run build:constructs): a chain of
 * Orch::StepFunctions::Task links, the first starting the execution and the others following it.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { LongRunningStepFunctionsTask, LongRunningStepFunctionsTaskProps } from '@cfn-orchestration/constructs';

const TYPE = 'Orch::StepFunctions::Task';
const HOURS_35 = 35 * 3600;

function setup(props: Partial<LongRunningStepFunctionsTaskProps> = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
  const task = new LongRunningStepFunctionsTask(stack, 'Train', { stateMachine: machine, timeout: Duration.days(7), ...props });
  return { stack, machine, task };
}

interface Link {
  readonly logicalId: string;
  readonly properties: Record<string, any>;
  readonly dependsOn: string[];
}

/** The links in template order, which is the order the construct made them. */
function links(stack: Stack): Link[] {
  const resources = Template.fromStack(stack).findResources(TYPE);
  return Object.entries(resources).map(([logicalId, r]) => ({ logicalId, properties: r.Properties, dependsOn: r.DependsOn ?? [] }));
}

describe('a 7-day configuration', () => {
  test('is 5 links of at most 35 hours: the first starts the execution, each next one follows it and depends on the one before', () => {
    const { stack, machine, task } = setup({ input: { epochs: 300 } });
    const chain = links(stack);

    expect(task.linkCount).toBe(5); // 168 h / 35 h = 4.8, rounded up
    expect(chain).toHaveLength(5);
    const [start, ...followers] = chain;
    expect(start.properties).toEqual({ StateMachineArn: stack.resolve(machine.stateMachineArn), Input: { epochs: 300 }, HandOverAfterSeconds: HOURS_35 });
    expect(start.dependsOn).toEqual([]);
    followers.forEach((link, i) => {
      expect(link.properties.FollowExecutionArn).toEqual({ 'Fn::GetAtt': [start.logicalId, 'ExecutionArn'] });
      expect(link.dependsOn).toEqual([chain[i].logicalId]);
      expect(link.properties).not.toHaveProperty('StateMachineArn');
      expect(link.properties).not.toHaveProperty('Input');
    });
    // Every link hands over but the last, which follows the execution to its end.
    expect(chain.map((l) => l.properties.HandOverAfterSeconds)).toEqual([HOURS_35, HOURS_35, HOURS_35, HOURS_35, undefined]);
    expect(stack.resolve(task.executionArn)).toEqual({ 'Fn::GetAtt': [start.logicalId, 'ExecutionArn'] });
  });

  test('outputs come from the last link, whose Expose alone holds the paths read', () => {
    const { stack, task } = setup();
    new ssm.StringParameter(stack, 'Model', { stringValue: task.output('model.uri') });
    const epochs = task.outputNumber('metrics.epochs');
    const chain = links(stack);
    const last = chain[chain.length - 1];

    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [last.logicalId, 'Outputs.ModelUri'] } });
    expect(typeof epochs).toBe('number');
    expect(stack.resolve(epochs)).toEqual({ 'Fn::GetAtt': [last.logicalId, 'Outputs.MetricsEpochs'] });
    expect(last.properties.Expose).toEqual({ ModelUri: 'model.uri', MetricsEpochs: 'metrics.epochs' });
    for (const link of chain.slice(0, -1)) expect(link.properties).not.toHaveProperty('Expose');
  });

  test('an empty path, a token and more than 100 paths are refused, naming the construct', () => {
    const { stack, task } = setup();
    const bucket = new s3.Bucket(stack, 'Bucket');
    expect(() => task.output('')).toThrow('Test/Train: output(""): a dot path has 1 to 512 characters (got 0)');
    expect(() => task.output(bucket.bucketName)).toThrow('Test/Train: output() takes a dot path known at synth, not a token');
    for (let i = 0; i <= 100; i++) task.output(`value.${i}`);
    expect(() => Template.fromStack(stack)).toThrow(/Test\/Train.*101 output paths requested; Expose holds at most 100/s);
  });

  test('without output() calls no link carries Expose', () => {
    const { stack } = setup();
    for (const link of links(stack)) expect(link.properties).not.toHaveProperty('Expose');
  });
});

describe('the number of links', () => {
  test.each<[string, Duration, Duration | undefined, number]>([
    ['a timeout one link covers', Duration.hours(20), undefined, 1],
    ['exactly two links', Duration.hours(70), undefined, 2],
    ['a little more than two links', Duration.seconds(2 * HOURS_35 + 1), undefined, 3],
    ['a short link timeout, as tests use', Duration.seconds(10), Duration.seconds(3), 4],
  ])('%s', (_name, timeout, linkTimeout, count) => {
    const { stack, task } = setup({ timeout, linkTimeout });
    const chain = links(stack);
    expect(task.linkCount).toBe(count);
    expect(chain).toHaveLength(count);
    const seconds = (linkTimeout ?? Duration.seconds(HOURS_35)).toSeconds();
    expect(chain.map((l) => l.properties.HandOverAfterSeconds)).toEqual([...Array(count - 1).fill(seconds), undefined]);
  });

  test('one link is a plain starting task: no hand-over, no follower', () => {
    const { stack } = setup({ timeout: Duration.hours(1) });
    const [only] = links(stack);
    expect(only.properties).not.toHaveProperty('HandOverAfterSeconds');
    expect(only.properties).not.toHaveProperty('FollowExecutionArn');
  });

  test.each<[string, Partial<LongRunningStepFunctionsTaskProps>, string]>([
    ['a link timeout over 35 hours', { linkTimeout: Duration.hours(36) }, 'Test/Train: linkTimeout must be from 1 second to 126000 seconds (35 hours), got 129600 seconds'],
    ['a link timeout in parts of a second', { linkTimeout: Duration.millis(1500) }, 'Test/Train: linkTimeout must be whole seconds, got 1.5'],
    ['a zero timeout', { timeout: Duration.seconds(0) }, 'Test/Train: timeout must be positive, got 0 seconds'],
    ['a chain longer than 50 links', { linkTimeout: Duration.minutes(1) }, 'Test/Train: timeout / linkTimeout makes 10080 links, more than 50; give a longer linkTimeout'],
  ])('%s is refused, naming the construct', (_name, props, message) => {
    expect(() => setup(props)).toThrow(message);
  });
});

describe('rerun options', () => {
  const runTokens = (props: Partial<LongRunningStepFunctionsTaskProps>) => links(setup(props).stack).map((l) => l.properties.RunToken);

  test('by default no link carries a RunToken', () => {
    expect(runTokens({})).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('runAlways writes a new RunToken on the first link on every synth, and on no follower', () => {
    const [first, ...rest] = runTokens({ runAlways: true });
    expect(typeof first).toBe('string');
    expect(rest).toEqual([undefined, undefined, undefined, undefined]);
    expect(runTokens({ runAlways: true })[0]).not.toEqual(first);
  });

  test('rerunOn writes the same RunToken on the first link for the same values and another for other values', () => {
    const [v1, ...rest] = runTokens({ rerunOn: ['model-v1'] });
    expect(v1).toMatch(/^[0-9a-f]{64}$/);
    expect(rest.every((t) => t === undefined)).toBe(true);
    expect(runTokens({ rerunOn: ['model-v1'] })[0]).toEqual(v1);
    expect(runTokens({ rerunOn: ['model-v2'] })[0]).not.toEqual(v1);
  });

  test('runAlways with rerunOn is refused, naming the construct', () => {
    expect(() => setup({ runAlways: true, rerunOn: ['v1'] })).toThrow('Test/Train: runAlways already runs the execution on every deployment; drop rerunOn or runAlways');
  });

  test('namePrefix and stopOnDelete go to the first link only: followers start nothing and stop nothing', () => {
    const [first, ...rest] = links(setup({ namePrefix: 'train', stopOnDelete: false }).stack);
    expect(first.properties).toMatchObject({ NamePrefix: 'train', StopOnDelete: false });
    for (const link of rest) {
      expect(link.properties).toHaveProperty('FollowExecutionArn');
      for (const key of Object.keys(link.properties)) expect(['FollowExecutionArn', 'HandOverAfterSeconds']).toContain(key);
    }
  });
});

describe('ordering', () => {
  test('executeAfter makes the first link depend on the others; executeBefore makes the others depend on the last link', () => {
    const { stack, task } = setup();
    const before = new s3.Bucket(stack, 'Data');
    const after = new ssm.StringParameter(stack, 'Done', { stringValue: 'x' });
    expect(task.executeAfter(before).executeBefore(after)).toBe(task);

    const chain = links(stack);
    const template = Template.fromStack(stack).toJSON().Resources;
    const bucketId = Object.keys(template).find((id) => template[id].Type === 'AWS::S3::Bucket')!;
    const parameterId = Object.keys(template).find((id) => template[id].Type === 'AWS::SSM::Parameter')!;
    expect(chain[0].dependsOn).toEqual([bucketId]);
    for (const link of chain.slice(1)) expect(link.dependsOn).not.toContain(bucketId);
    expect(template[parameterId].DependsOn).toEqual([chain[chain.length - 1].logicalId]);
  });

  test('ordering the task against a construct that holds it is refused, naming both', () => {
    const { stack, task } = setup();
    expect(() => task.executeAfter(task)).toThrow("Test/Train/Start: executeAfter() cannot order a task against 'Test/Train', which contains it");
    expect(() => task.executeBefore(stack)).toThrow(/executeBefore\(\) cannot order a task against 'Test', which contains it/);
  });
});

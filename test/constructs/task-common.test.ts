/**
 * What every task construct shares, over all of them: the rerun options write RunToken, and executeAfter /
 * executeBefore order resources through DependsOn (private/run-token.ts, private/ordering.ts).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { singleResource } from './single-resource';
import { RerunProps, TASK_FACTORIES, testStack } from './task-factories';

describe.each(TASK_FACTORIES)('$name', ({ type, again, make }) => {
  const runToken = (rerun: RerunProps) => {
    const stack = testStack();
    make(stack, 'Task', rerun);
    return singleResource(stack, type).Properties.RunToken;
  };

  describe('rerun options', () => {
    test('by default the template carries no RunToken', () => {
      expect(runToken({})).toBeUndefined();
      expect(runToken({ runAlways: false })).toBeUndefined();
    });

    test('runAlways writes a new RunToken on every synth', () => {
      const first = runToken({ runAlways: true });
      expect(typeof first).toBe('string');
      expect(runToken({ runAlways: true })).not.toEqual(first);
    });

    test('rerunOn writes the same digest for the same values and another for other values', () => {
      const v1 = runToken({ rerunOn: ['model-v1', 'abc123'] });
      expect(v1).toMatch(/^[0-9a-f]{64}$/);
      expect(runToken({ rerunOn: ['model-v1', 'abc123'] })).toEqual(v1);
      expect(runToken({ rerunOn: ['model-v2', 'abc123'] })).not.toEqual(v1);
    });

    test('rerunOn with a token joins the values at deploy', () => {
      const stack = testStack();
      const bucket = new s3.Bucket(stack, 'Data');
      make(stack, 'Task', { rerunOn: ['v1', bucket.bucketName] });
      expect(singleResource(stack, type).Properties.RunToken).toEqual({ 'Fn::Join': ['|', ['v1', { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) }]] });
    });

    test('runAlways with rerunOn is refused, naming the construct', () => {
      expect(() => make(testStack(), 'Task', { runAlways: true, rerunOn: ['v1'] })).toThrow(
        `Test/Task: runAlways already ${again} on every deployment; drop rerunOn or runAlways`,
      );
    });
  });

  describe('ordering', () => {
    test('executeAfter makes the task depend on each construct given, and returns the task', () => {
      const stack = testStack();
      const first = new s3.Bucket(stack, 'First');
      const second = new s3.Bucket(stack, 'Second');
      const task = make(stack, 'Task');
      expect(task.executeAfter(first, second)).toBe(task);
      const { DependsOn } = singleResource(stack, type);
      expect(DependsOn?.sort()).toEqual([logicalIdOf(stack, first), logicalIdOf(stack, second)].sort());
    });

    test('executeBefore makes each construct given depend on the task, and returns the task', () => {
      const stack = testStack();
      const later = new s3.Bucket(stack, 'Later');
      const task = make(stack, 'Task');
      expect(task.executeBefore(later)).toBe(task);
      const { logicalId, DependsOn } = singleResource(stack, type);
      expect(DependsOn).toBeUndefined();
      expect(Template.fromStack(stack).findResources('AWS::S3::Bucket')[logicalIdOf(stack, later)].DependsOn).toEqual([logicalId]);
    });

    test('a subtree orders every resource in it', () => {
      const stack = testStack();
      const group = new Construct(stack, 'Group');
      const buckets = [new s3.Bucket(group, 'A'), new s3.Bucket(new Construct(group, 'Deep'), 'B')];
      make(stack, 'Task').executeAfter(group);
      expect(singleResource(stack, type).DependsOn?.sort()).toEqual(buckets.map((b) => logicalIdOf(stack, b)).sort());
    });

    test('two tasks order both ways: executeAfter on one is executeBefore on the other', () => {
      const viaAfter = testStack();
      const a1 = make(viaAfter, 'A');
      const b1 = make(new Construct(viaAfter, 'Later'), 'B');
      b1.executeAfter(a1);
      const viaBefore = testStack();
      const a2 = make(viaBefore, 'A');
      const b2 = make(new Construct(viaBefore, 'Later'), 'B');
      a2.executeBefore(b2);
      for (const stack of [viaAfter, viaBefore]) {
        const tasks = Template.fromStack(stack).findResources(type);
        const [a, b] = [logicalIdIn(stack, 'Test/A/Resource'), logicalIdIn(stack, 'Test/Later/B/Resource')];
        expect(tasks[b].DependsOn).toEqual([a]);
        expect(tasks[a].DependsOn).toBeUndefined();
      }
    });

    test('a construct of another stack becomes a stack dependency, not a DependsOn', () => {
      const app = testStack().node.root as App;
      const upstream = new Stack(app, 'Upstream');
      const bucket = new s3.Bucket(upstream, 'Data');
      const stack = new Stack(app, 'Downstream');
      make(stack, 'Task').executeAfter(bucket);
      // Construct dependencies become stack dependencies at synth.
      expect(singleResource(stack, type).DependsOn).toBeUndefined();
      expect(stack.dependencies.map((s) => s.node.path)).toEqual([upstream.node.path]);
    });

    test('the task itself, a construct that holds it and one it holds are refused, naming both', () => {
      const stack = testStack();
      const group = new Construct(stack, 'Group');
      const task = make(group, 'Task');
      expect(() => task.executeAfter(task)).toThrow('Test/Group/Task: executeAfter() cannot order a task against itself');
      expect(() => task.executeAfter(group)).toThrow("Test/Group/Task: executeAfter() cannot order a task against 'Test/Group', which contains it");
      expect(() => task.executeBefore(task.node.defaultChild!)).toThrow(
        "Test/Group/Task: executeBefore() cannot order a task against 'Test/Group/Task/Resource', which it contains",
      );
    });
  });
});

function logicalIdOf(stack: ReturnType<typeof testStack>, bucket: s3.Bucket): string {
  return stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
}

function logicalIdIn(stack: ReturnType<typeof testStack>, path: string): string {
  const found = stack.node.findAll().find((c) => c.node.path === path);
  if (!found) throw new Error(`no construct at ${path}`);
  return stack.getLogicalId(found as s3.CfnBucket);
}

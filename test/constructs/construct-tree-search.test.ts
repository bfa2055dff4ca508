/** ConstructTreeSearch: predicates as objects with a matches() method, searches down and up with stop conditions. */
import { NestedStack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { ConstructPredicates, ConstructTreeSearch, IConstructPredicate, StepFunctionsTask } from '@cfn-orchestration/constructs';
import { testStack } from './task-factories';

const TASK = 'Orch::StepFunctions::Task';
const paths = (found: IConstruct[]) => found.map((c) => c.node.path);
const idIs = (id: string): IConstructPredicate => ({ matches: (c) => c.node.id === id });

/** Test/{Machine, Train, Group/{Evaluate, Deep/Publish}, Nested (a nested stack)/{Inner}}. */
function tree() {
  const stack = testStack();
  const machine = sfn.StateMachine.fromStateMachineName(stack, 'Machine', 'train');
  const task = (scope: Construct, id: string) => new StepFunctionsTask(scope, id, { stateMachine: machine });
  const train = task(stack, 'Train');
  const group = new Construct(stack, 'Group');
  const evaluate = task(group, 'Evaluate');
  const publish = task(new Construct(group, 'Deep'), 'Publish');
  const nested = new NestedStack(stack, 'Nested');
  const inner = task(nested, 'Inner');
  return { stack, group, train, evaluate, publish, nested, inner };
}

describe('findDown', () => {
  test('finds every match below the start, parents before children, in the order they were added', () => {
    const { stack } = tree();
    expect(paths(new ConstructTreeSearch(ConstructPredicates.cfnResourceType(TASK)).findDown(stack))).toEqual([
      'Test/Train/Resource',
      'Test/Group/Evaluate/Resource',
      'Test/Group/Deep/Publish/Resource',
      'Test/Nested/Inner/Resource',
    ]);
    expect(paths(new ConstructTreeSearch(ConstructPredicates.anyOf(idIs('Group'), idIs('Deep'))).findDown(stack))).toEqual(['Test/Group', 'Test/Group/Deep']);
  });

  test('a stop condition leaves out the construct it matches and everything below it, but never the start', () => {
    const { stack, nested } = tree();
    const search = new ConstructTreeSearch(ConstructPredicates.cfnResourceType(TASK));
    const sameStack = { stopAt: ConstructPredicates.stack() };
    expect(paths(search.findDown(stack, sameStack))).toEqual(['Test/Train/Resource', 'Test/Group/Evaluate/Resource', 'Test/Group/Deep/Publish/Resource']);
    expect(paths(search.findDown(nested, sameStack))).toEqual(['Test/Nested/Inner/Resource']);
    expect(paths(search.findDown(stack, { stopAt: idIs('Deep') }))).not.toContain('Test/Group/Deep/Publish/Resource');
  });

  test('includeStart: false leaves the start out', () => {
    const { group } = tree();
    const search = new ConstructTreeSearch(ConstructPredicates.negate(ConstructPredicates.cfnResourceType(TASK)));
    expect(paths(search.findDown(group, { includeStart: false }))).toEqual(['Test/Group/Evaluate', 'Test/Group/Deep', 'Test/Group/Deep/Publish']);
    expect(paths(search.findDown(group))[0]).toBe('Test/Group');
  });
});

describe('tryFindUp / findUp', () => {
  test('find the nearest match from the start up, the start included unless told otherwise', () => {
    const { stack, nested, inner, publish } = tree();
    const stacks = new ConstructTreeSearch(ConstructPredicates.stack());
    expect(stacks.findUp(inner.node.defaultChild!)).toBe(nested);
    expect(stacks.findUp(publish)).toBe(stack);
    expect(stacks.findUp(nested)).toBe(nested);
    expect(stacks.findUp(nested, { includeStart: false })).toBe(stack);
  });

  test('the walk ends at the first construct the stop condition matches, after testing it', () => {
    const { group, publish, inner } = tree();
    const groups = new ConstructTreeSearch(idIs('Group'));
    expect(groups.tryFindUp(publish, { stopAt: idIs('Group') })).toBe(group);
    expect(groups.tryFindUp(publish, { stopAt: idIs('Deep') })).toBeUndefined();
    expect(new ConstructTreeSearch(idIs('Test')).tryFindUp(inner, { stopAt: ConstructPredicates.stack() })).toBeUndefined();
  });

  test('no match: tryFindUp gives undefined, findUp throws naming the start', () => {
    const { publish } = tree();
    const search = new ConstructTreeSearch(idIs('Nowhere'));
    expect(search.tryFindUp(publish)).toBeUndefined();
    expect(() => search.findUp(publish)).toThrow('Test/Group/Deep/Publish: no construct on the way up matches the predicate');
  });
});

test('cfnResourceType takes several types, and matches no construct that is not a resource', () => {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Data');
  const machine = sfn.StateMachine.fromStateMachineName(stack, 'Machine', 'train');
  new StepFunctionsTask(stack, 'Train', { stateMachine: machine });
  const either = ConstructPredicates.cfnResourceType(TASK, 'AWS::S3::Bucket');
  expect(paths(new ConstructTreeSearch(either).findDown(stack))).toEqual(['Test/Data/Resource', 'Test/Train/Resource']);
  expect(either.matches(bucket)).toBe(false);
});

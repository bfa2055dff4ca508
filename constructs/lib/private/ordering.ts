import { IConstruct } from 'constructs';

/**
 * Orders `task` after each of `others` through CloudFormation DependsOn (node.addDependency covers every resource
 * in both subtrees, and becomes a stack dependency across stacks). A construct that holds the task, or one the task
 * holds, is refused here: CDK would fail at synth for the one and silently add nothing for the other.
 */
export function executeAfter(task: IConstruct, others: readonly IConstruct[]): void {
  for (const other of others) {
    refuseOverlap(task, other, 'executeAfter');
    task.node.addDependency(other);
  }
}

/** Orders each of `others` after `task`; the mirror of executeAfter. */
export function executeBefore(task: IConstruct, others: readonly IConstruct[]): void {
  for (const other of others) {
    refuseOverlap(task, other, 'executeBefore');
    other.node.addDependency(task);
  }
}

function refuseOverlap(task: IConstruct, other: IConstruct, method: string): void {
  const holds = (outer: IConstruct, inner: IConstruct) => inner.node.scopes.includes(outer);
  if (holds(task, other) || holds(other, task)) {
    const relation = other === task ? 'itself' : holds(other, task) ? `'${other.node.path}', which contains it` : `'${other.node.path}', which it contains`;
    throw new Error(`${task.node.path}: ${method}() cannot order a task against ${relation}`);
  }
}

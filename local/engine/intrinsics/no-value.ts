/** What `Ref: AWS::NoValue` evaluates to: the key or list item holding it is removed, as CloudFormation does. */
export const NO_VALUE: unique symbol = Symbol.for('cfn-orchestration.NoValue');
export type NoValue = typeof NO_VALUE;

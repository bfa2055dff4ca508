// Shared by the task states in this folder; index.ts does not export it.
import { Aws, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';

// Step Functions reads the integration pattern from the suffix of an optimized integration's Resource.
const PATTERN_SUFFIX: Record<sfn.IntegrationPattern, string> = {
  [sfn.IntegrationPattern.REQUEST_RESPONSE]: '',
  [sfn.IntegrationPattern.RUN_JOB]: '.sync',
  [sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN]: '.waitForTaskToken',
};

/** `arn:<partition>:states:::<service>:<action>[.sync|.waitForTaskToken]`. */
export function integrationResource(service: string, action: string, pattern: sfn.IntegrationPattern): string {
  return `arn:${Aws.PARTITION}:states:::${service}:${action}${PATTERN_SUFFIX[pattern]}`;
}

/** Throws, naming the state, when `pattern` is not among those the integration supports. */
export function checkPattern(scope: IConstruct, pattern: sfn.IntegrationPattern, supported: readonly sfn.IntegrationPattern[]): void {
  if (!supported.includes(pattern)) {
    throw new Error(`${scope.node.path}: integration pattern ${pattern} is not supported here; use one of ${supported.join(', ')}`);
  }
}

/** Whether a string is a value Step Functions fills at run time (a JsonPath token or a JSONata expression). */
export function isRuntimeValue(value: string): boolean {
  return sfn.JsonPath.isEncodedJsonPath(value) || /^\{%.*%\}$/s.test(value);
}

/** Whether a string is known at synth (neither a CDK token nor a run-time value), so it can be checked. */
export function isLiteral(value: string): boolean {
  return !Token.isUnresolved(value) && !isRuntimeValue(value);
}

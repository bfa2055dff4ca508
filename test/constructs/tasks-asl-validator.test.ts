/**
 * The check the task-state tests lean on: the ASL resolved from a synthesized template is what asl-validator reads,
 * and the validator does refuse broken definitions, so a passing check means something.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { OptimizedIntegrationTask } from '@cfn-orchestration/constructs';
import { ACCOUNT, aslErrors, definitionOf, REGION } from './tasks-asl';

function synthesized(): Record<string, any> {
  const stack = new Stack(new App(), 'Asl', { env: { account: ACCOUNT, region: REGION } });
  const task = new OptimizedIntegrationTask(stack, 'Crawl', {
    service: 'glue',
    action: 'startJobRun',
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    parameters: { JobName: 'etl', Arguments: { '--day': sfn.JsonPath.stringAt('$.day') } },
  });
  new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(task.next(new sfn.Succeed(stack, 'Done'))) });
  return definitionOf(stack);
}

test('the resolved definition is plain JSON: pseudo parameters filled, no intrinsic or token left, and valid', () => {
  const definition = synthesized();
  expect(definition.States.Crawl.Resource).toBe('arn:aws:states:::glue:startJobRun.sync');
  expect(JSON.stringify(definition)).not.toMatch(/Fn::|"Ref"|\$\{Token\[/);
  expect(aslErrors(definition)).toEqual([]);
});

test('the validator refuses a Next to a state that does not exist', () => {
  const definition = synthesized();
  definition.States.Crawl.Next = 'Nowhere';
  expect(aslErrors(definition)).toContain("MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: Nowhere");
});

test('the validator refuses a Task without a Resource, and a state of an unknown Type', () => {
  const noResource = synthesized();
  delete noResource.States.Crawl.Resource;
  // Without a Resource the state matches no state schema; the validator names the state.
  expect(aslErrors(noResource).join('\n')).toMatch(/^SCHEMA_VALIDATION_FAILED: \/States\/Crawl\//m);

  const unknownType = synthesized();
  unknownType.States.Done.Type = 'Finish';
  expect(aslErrors(unknownType).join('\n')).toMatch(/^SCHEMA_VALIDATION_FAILED: \/States\/Done/m);
});

test('the validator refuses a Resource that is not an ARN and a StartAt naming no state', () => {
  const badArn = synthesized();
  badArn.States.Crawl.Resource = 'glue:startJobRun.sync';
  expect(aslErrors(badArn)).toEqual(['SCHEMA_VALIDATION_FAILED: /States/Crawl/Resource is invalid. must match exactly one schema in oneOf']);

  const badStart = synthesized();
  badStart.StartAt = 'Missing';
  expect(aslErrors(badStart)).toContain("MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: Missing");
});

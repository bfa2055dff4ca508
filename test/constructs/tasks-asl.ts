/**
 * What a synthesized stack's task states give Step Functions and IAM, as plain JSON: values resolved by
 * cfn-resolver-lib with pseudo parameters set, a role's GetAtt Arn as `arn:aws:iam::<account>:role/<LogicalId>` and
 * every other Ref/GetAtt as a placeholder string. The ASL goes to a real validator (asl-validator), a policy to an
 * IAM policy simulator (@cloud-copilot/iam-simulate).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

// Neither package ships type declarations.
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): any };
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: Array<{ 'Error code': string; Message: string }> };

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

/** A role's ARN as the resolved values write it. */
export function roleArnOf(stack: Stack, role: { roleArn: string }): string {
  const resolved = stack.resolve(role.roleArn);
  return typeof resolved === 'string' ? resolved : `arn:aws:iam::${ACCOUNT}:role/${resolved['Fn::GetAtt'][0]}`;
}

/** `value` (a piece of the stack's template) with every intrinsic resolved. */
function resolveIn(template: Record<string, any>, value: unknown): any {
  const getAtt = (id: string) => new Proxy({}, {
    get: (_a, attr) => (template.Resources[id]?.Type === 'AWS::IAM::Role' && attr === 'Arn'
      ? `arn:aws:iam::${ACCOUNT}:role/${id}`
      : `placeholder:${id}.${String(attr)}`),
  });
  const resolved = new NodeEvaluator(
    { Parameters: {}, Resources: { Value: { Type: 'Placeholder', Properties: { Body: value } } } },
    {
      RefResolvers: {
        'AWS::Partition': 'aws',
        'AWS::Region': REGION,
        'AWS::AccountId': ACCOUNT,
        'AWS::URLSuffix': 'amazonaws.com',
        ...Object.fromEntries(Object.keys(template.Resources).map((id) => [id, `placeholder:${id}`])),
      },
      'Fn::GetAttResolvers': new Proxy({}, { get: (_r, id) => getAtt(String(id)) }),
    },
  ).evaluateNodes();
  return resolved.Resources.Value.Properties.Body;
}

/** The definition of the stack's one state machine (or the one with `logicalId`), as parsed JSON. */
export function definitionOf(stack: Stack, logicalId?: string): Record<string, any> {
  const template = Template.fromStack(stack).toJSON();
  const machines = Object.entries<any>(template.Resources).filter(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && (!logicalId || id === logicalId));
  if (machines.length !== 1) throw new Error(`expected one state machine${logicalId ? ` ${logicalId}` : ''}, found ${machines.length}`);
  const body = resolveIn(template, machines[0][1].Properties.DefinitionString);
  if (typeof body !== 'string') throw new Error(`DefinitionString did not resolve to a string: ${JSON.stringify(body)}`);
  return JSON.parse(body);
}

/** The validator's errors for a definition as `CODE: message` lines (none when it is valid). */
export function aslErrors(definition: Record<string, any>): string[] {
  // The validator writes a QueryLanguage into every state it reads; the caller's object stays as it was.
  const { isValid, errors } = aslValidator(structuredClone(definition));
  const messages = errors.map((e) => `${e['Error code']}: ${e.Message}`);
  if (!isValid && messages.length === 0) throw new Error('asl-validator said invalid without an error');
  return isValid ? [] : messages;
}

/** The resolved policy document of the state machine's role (its one AWS::IAM::Policy). */
export function machinePolicy(stack: Stack, machine: sfn.StateMachine): { Version: string; Statement: any[] } {
  const template = Template.fromStack(stack).toJSON();
  const roleId = stack.resolve(machine.role.roleName).Ref;
  const policies = Object.values<any>(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: any) => role.Ref === roleId));
  if (policies.length !== 1) throw new Error(`expected one policy on the state machine role, found ${policies.length}`);
  return resolveIn(template, policies[0].Properties.PolicyDocument);
}

/** `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`: the simulator's decision for one request under `policy`. */
export async function decision(policy: unknown, action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'StateMachineRolePolicy', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: undefined,
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:role/state-machine`, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`${action} on ${resource}: ${JSON.stringify(result.errors)}`);
  return (result as { overallResult: string }).overallResult;
}

/**
 * The ASL of a synthesized state machine, checked by a real validator (asl-validator): the DefinitionString's
 * Fn::Join is resolved by cfn-resolver-lib with pseudo parameters set and every Ref/GetAtt of a resource turned
 * into a placeholder string, so what the validator reads is the JSON Step Functions would get.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

// Neither package ships type declarations.
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): any };
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: Array<{ 'Error code': string; Message: string }> };

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

/** `placeholder:<LogicalId>.<Attr>` for any GetAtt, whatever the resource and attribute. */
const anyGetAtt = new Proxy({}, { get: (_r, id) => new Proxy({}, { get: (_a, attr) => `placeholder:${String(id)}.${String(attr)}` }) });

/** The definition of the stack's one state machine (or the one with `logicalId`), as parsed JSON. */
export function definitionOf(stack: Stack, logicalId?: string): Record<string, any> {
  const template = Template.fromStack(stack).toJSON();
  const machines = Object.entries<any>(template.Resources).filter(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && (!logicalId || id === logicalId));
  if (machines.length !== 1) throw new Error(`expected one state machine${logicalId ? ` ${logicalId}` : ''}, found ${machines.length}`);
  const resolved = new NodeEvaluator(
    { Parameters: {}, Resources: { Definition: { Type: 'Placeholder', Properties: { Body: machines[0][1].Properties.DefinitionString } } } },
    {
      RefResolvers: {
        'AWS::Partition': 'aws',
        'AWS::Region': REGION,
        'AWS::AccountId': ACCOUNT,
        'AWS::URLSuffix': 'amazonaws.com',
        ...Object.fromEntries(Object.keys(template.Resources).map((id) => [id, `placeholder:${id}`])),
      },
      'Fn::GetAttResolvers': anyGetAtt,
    },
  ).evaluateNodes();
  const body = resolved.Resources.Definition.Properties.Body;
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

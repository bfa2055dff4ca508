/**
 * The policy a type's role stack would give its execution role, for given scope parameters: the role template
 * resolved by cfn-resolver-lib as CloudFormation would resolve it. `npm run register -- --dry-run` prints it, and the
 * tests deploy it to moto's IAM and evaluate it with an IAM policy simulator.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { venvBin } from '../../local/python-env';
import { TypeFolder } from '../type-folders';

// cfn-resolver-lib has no type declarations.
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): any };

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: Array<{ Sid?: string; Effect: string; Action: string[]; Resource: string[] }>;
}

export interface Account {
  readonly region: string;
  readonly accountId: string;
  readonly partition?: string;
}

/** The type folder's resource-role.yaml as a JSON object (cfn-flip reads it as CloudFormation does). */
export function roleTemplateOf(type: TypeFolder): Record<string, any> {
  const yaml = readFileSync(join(type.dir, 'resource-role.yaml'), 'utf8');
  return JSON.parse(execFileSync(venvBin('cfn-flip'), ['-j'], { input: yaml, encoding: 'utf8' }));
}

/** The role's one inline policy, with `parameters` (lists of ARN patterns; missing ones take their empty default). */
export function renderRolePolicy(template: Record<string, any>, parameters: Record<string, readonly string[]>, account: Account): PolicyDocument {
  const defaults = Object.fromEntries(Object.keys(template.Parameters ?? {}).map((name) => [name, ['']]));
  const unknown = Object.keys(parameters).filter((name) => !(name in defaults));
  if (unknown.length) throw new Error(`the role template has no parameter ${unknown.join(', ')}`);
  const resolved = new NodeEvaluator(template, {
    RefResolvers: {
      'AWS::Region': account.region,
      'AWS::AccountId': account.accountId,
      'AWS::Partition': account.partition ?? 'aws',
      ...defaults,
      ...Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v.length ? [...v] : ['']])),
    },
    'Fn::GetAttResolvers': { ExecutionRole: { Arn: 'arn:aws:iam::000000000000:role/unresolved' } },
  }).evaluateNodes();
  const policy = resolved.Resources.ExecutionRole.Properties.Policies[0].PolicyDocument;
  // The resolver leaves a dropped statement (Fn::If to AWS::NoValue) as the string 'AWS::NoValue'.
  return { ...policy, Statement: policy.Statement.filter((s: unknown) => s !== 'AWS::NoValue') };
}

/** The policy in words, one line per statement, for `--dry-run`: `states:StartExecution on arn:…, arn:…`. */
export function policyLines(policy: PolicyDocument): string[] {
  return policy.Statement.map((s) => `${[s.Action].flat().join(', ')} on ${[s.Resource].flat().join(', ')}`);
}

/**
 * What the OrchestrationTypes tests share: stand-in packages, a registration stack, and readers of the synthesized
 * template (references, resolution, the execution role's statements).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrchestrationTypes, OrchestrationTypesProps } from '@cfn-orchestration/constructs';
import { hyphenated } from '../../tools/submission-package';
import { typeFolders } from '../../tools/type-folders';


// cfn-resolver-lib has no type declarations.
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): any };

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const A = `${REGION}:${ACCOUNT}`;
export const env = { account: ACCOUNT, region: REGION };
export const types = typeFolders();
export const TYPE_NAMES = types.map((t) => t.schema.typeName as string).sort();

/** Stand-ins for the cfn submit packages (the construct only uploads them), for the suite that calls it. */
export function standInPackages(): { readonly dir: string } {
  const holder = { dir: '' };
  beforeAll(() => {
    holder.dir = mkdtempSync(join(tmpdir(), 'orch-packages-'));
    for (const name of TYPE_NAMES) writeFileSync(join(holder.dir, `${hyphenated(name)}.zip`), `package of ${name}`);
  });
  afterAll(() => rmSync(holder.dir, { recursive: true, force: true }));
  return holder;
}

/** A registration stack `Registration` with OrchestrationTypes `Types` installing from `packages`. */
export function install(packages: { readonly dir: string }, props: Partial<OrchestrationTypesProps> = {}, app = new App()) {
  const stack = new Stack(app, 'Registration', { env });
  const orch = new OrchestrationTypes(stack, 'Types', { packagesDirectory: packages.dir, ...props });
  return { app, stack, orch };
}

export const logicalId = (c: CfnElement) => Stack.of(c).getLogicalId(c);
export const child = (orch: OrchestrationTypes, typeName: string, id: string) =>
  orch.node.findChild(typeName.split('::').slice(1).join('')).node.findChild(id);
export const cfnOf = (c: unknown) => ((c as { node: { defaultChild?: unknown } }).node.defaultChild ?? c) as CfnElement;

/** The logical ids a value refers to (Ref, Fn::GetAtt), at any depth. */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (!value || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  if (Array.isArray(obj['Fn::GetAtt'])) return [obj['Fn::GetAtt'][0] as string];
  return Object.values(obj).flatMap(referencedIds);
}

/** Whether `from` waits for `to` in the template: through DependsOn, Ref or GetAtt, directly or transitively. */
export function waitsFor(template: Record<string, any>, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const resource = template.Resources[from];
  const direct = [...[resource.DependsOn ?? []].flat(), ...referencedIds(resource.Properties)].filter((id) => id in template.Resources);
  return direct.includes(to) || direct.some((id) => waitsFor(template, id, to, seen));
}

/** The template with intrinsics resolved as CloudFormation would in this account and region. */
export function resolved(template: Record<string, any>): Record<string, any> {
  const getAtts = Object.fromEntries(
    Object.keys(template.Resources).map((id) => [
      id,
      { Arn: `arn:aws:resolved:${A}:resource/${id}`, TypeArn: `arn:aws:cloudformation:${A}:type/resource/${id}`, CloneUrlHttp: `https://resolved/${id}` },
    ]),
  );
  return new NodeEvaluator(template, {
    RefResolvers: { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' },
    'Fn::GetAttResolvers': getAtts,
  }).evaluateNodes();
}

/** Ref to a pseudo parameter and Fn::Join resolved, nothing else. */
export function withPseudoParameters(value: any): any {
  const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws' };
  if (Array.isArray(value)) return value.map(withPseudoParameters);
  if (!value || typeof value !== 'object') return value;
  if (typeof value.Ref === 'string' && value.Ref in pseudo) return pseudo[value.Ref];
  if (Array.isArray(value['Fn::Join'])) return (withPseudoParameters(value['Fn::Join'][1]) as string[]).join(value['Fn::Join'][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPseudoParameters(v)]));
}

export type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[] };
export const normalized = (statements: Statement[]) =>
  statements
    .map((s) => ({ Sid: s.Sid, Action: [s.Action].flat().sort(), Resource: [s.Resource].flat().sort() }))
    .sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));

/** The execution role's one inline policy, resolved. */
export function executionPolicy(stack: Stack, orch: OrchestrationTypes, typeName: string): Statement[] {
  const id = logicalId(cfnOf(child(orch, typeName, 'ExecutionRole')));
  const role = resolved(Template.fromStack(stack).toJSON()).Resources[id];
  expect(role.Properties.Policies).toHaveLength(1);
  return role.Properties.Policies[0].PolicyDocument.Statement;
}

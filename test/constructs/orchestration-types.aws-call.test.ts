/**
 * OrchestrationTypes and Orch::Aws::Call: the admin's awsCalls become one statement each in the type's execution role
 * (the same the generated resource-role.yaml renders from CallActions and CallResourceArns) and, together, the type
 * configuration's AllowedActions, set through SetTypeConfiguration even when empty. From the jsii-compiled package.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { renderRolePolicy } from '../../tools/register/render-policy';
import { parseScopes, roleParameters } from '../../tools/register/scopes';
import { roleTemplateObject } from '../../tools/role-template';
import { A, ACCOUNT, child, cfnOf, executionPolicy, install, logicalId, normalized, REGION, resolved, standInPackages, types, waitsFor } from '../support/registration-template';

const packages = standInPackages();
const TYPE = 'Orch::Aws::Call';
const TABLE = `arn:aws:dynamodb:${A}:table/jobs`;

/** The call type's SetTypeConfiguration, resolved. */
function allowedActions(stack: Parameters<typeof executionPolicy>[0], orch: Parameters<typeof executionPolicy>[1]): unknown {
  const id = logicalId(cfnOf(orch.node.findChild('AwsCallConfiguration')));
  const call = JSON.parse(resolved(Template.fromStack(stack).toJSON()).Resources[id].Properties.Create);
  expect(call).toMatchObject({ service: 'CloudFormation', action: 'SetTypeConfiguration', parameters: { ConfigurationAlias: 'default' } });
  return JSON.parse(call.parameters.Configuration);
}

test('awsCalls: one role statement per entry, as resource-role.yaml renders the same scopes; AllowedActions is every action once', () => {
  const { stack, orch } = install(packages, {
    awsCalls: [
      { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [TABLE] },
      { actions: ['dynamodb:PutItem', 's3:GetObject'], resources: ['arn:aws:s3:::models/*'] },
    ],
  });
  const statements = executionPolicy(stack, orch, TYPE);
  expect(statements.slice(1)).toEqual([
    { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: TABLE },
    { Effect: 'Allow', Action: ['dynamodb:PutItem', 's3:GetObject'], Resource: 'arn:aws:s3:::models/*' },
  ]);
  expect(allowedActions(stack, orch)).toEqual({ AllowedActions: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 's3:GetObject'] });

  // The same grant as the role template with the same scopes in one list (its one statement may hold all of them).
  const one = install(packages, { awsCalls: [{ actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [TABLE] }] });
  const type = types.find((t) => t.schema.typeName === TYPE)!;
  const scopes = parseScopes({ [TYPE]: { CallActions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], CallResourceArns: [TABLE] } }, 'test scopes', types, 'aws');
  const rendered = renderRolePolicy(roleTemplateObject(type.schema), roleParameters(type, scopes), { region: REGION, accountId: ACCOUNT }).Statement;
  // The CDK statement has no Sid (iam.PolicyStatement's own), so the two are compared without them.
  const withoutSids = (statements: Parameters<typeof normalized>[0]) => normalized(statements).map(({ Sid: _sid, ...rest }: any) => JSON.stringify(rest)).sort();
  expect(withoutSids(executionPolicy(one.stack, one.orch, TYPE))).toEqual(withoutSids(rendered));

  // The call type's users wait for its configuration, as the git type's do.
  const template = Template.fromStack(stack).toJSON();
  expect(waitsFor(template, logicalId(cfnOf(orch.node.findChild('AwsCallConfiguration'))), logicalId(cfnOf(child(orch, TYPE, 'DefaultVersion'))))).toBe(true);
});

test('with no awsCalls the role reaches its records only and AllowedActions is set empty: no call is allowed', () => {
  const { stack, orch } = install(packages);
  expect(executionPolicy(stack, orch, TYPE).map((s) => s.Sid)).toEqual(['TaskRecords']);
  expect(allowedActions(stack, orch)).toEqual({ AllowedActions: [] });
});

test('awsCalls without the call type installed, with a malformed action or with an empty list are refused, naming the entry', () => {
  expect(() => install(packages, { typeNames: ['Orch::Lambda::Task'], awsCalls: [{ actions: ['ssm:GetParameter'], resources: ['*'] }] })).toThrow(
    /Registration\/Types: awsCalls are for Orch::Aws::Call, which is not installed here/,
  );
  expect(() => install(packages, { awsCalls: [{ actions: ['GetParameter'], resources: ['*'] }] })).toThrow(/awsCalls\[0\]\.actions: "GetParameter" is not an IAM action/);
  expect(() => install(packages, { awsCalls: [{ actions: ['ssm:GetParameter'], resources: [] }] })).toThrow(/awsCalls\[0\]: give at least one action and one resource/);
});

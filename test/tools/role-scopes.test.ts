import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// AGPL-3.0: a test-only devDependency, in no package we ship (README "Scopes").
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { venvBin } from '../../local/python-env';
import { recordRoot } from '../../runtime/task-store';
import { PolicyDocument, renderRolePolicy, roleTemplateOf } from '../../tools/register/render-policy';
import { parseScopes, roleParameters } from '../../tools/register/scopes';
import { ACTION_RESOURCES, actionKinds } from '../../tools/role-scopes';
import { recordPath } from '../../tools/role-template';
import { TypeFolder, typeFolders } from '../../tools/type-folders';

const ACCOUNT = { region: 'us-east-1', accountId: '123456789012' };
const A = `${ACCOUNT.region}:${ACCOUNT.accountId}`;
const types = typeFolders();
const byName = (typeName: string) => types.find((t) => t.schema.typeName === typeName)!;

/** The scopes an admin would write for the test's resources, as `npm run register -- --scopes` reads them. */
const SCOPES_FILE = {
  'Orch::StepFunctions::Task': { StateMachineArns: [`arn:aws:states:${A}:stateMachine:train-*`] },
  'Orch::Lambda::Task': { FunctionArns: [`arn:aws:lambda:${A}:function:etl-*`] },
  'Orch::S3::FileReader': { S3: [{ Bucket: 'configs', Prefix: 'app/' }] },
  'Orch::S3::MetadataReader': { S3: [{ Bucket: 'configs', Prefix: 'app/' }] },
  'Orch::Git::CommitFromS3': {
    S3: [{ Bucket: 'releases', Prefix: 'model/' }],
    SecretArns: [`arn:aws:secretsmanager:${A}:secret:git/publisher-*`],
    CodeCommitRepositoryArns: [`arn:aws:codecommit:${A}:config`],
    AllowedRepositoryUrls: ['https://github.com/my-org/*'],
  },
  'Orch::Aws::Call': {
    CallActions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
    CallResourceArns: [`arn:aws:dynamodb:${A}:table/jobs`],
    AllowedActions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
  },
};
const scopes = parseScopes(SCOPES_FILE, 'test scopes', types, 'aws');

/** The actions a type's role gets from the admin's list rather than from its schema (tools/role-scopes.ts ADMIN_NAMED_CALLS). */
const adminNamed = (typeName: string): string[] => (SCOPES_FILE as Record<string, { CallActions?: string[] }>)[typeName]?.CallActions ?? [];

/** Per type: [action, resource] pairs inside the scopes above, and outside them. */
const CASES: Record<string, { inside: Array<[string, string]>; outside: Array<[string, string]> }> = {
  'Orch::StepFunctions::Task': {
    inside: [
      ['states:StartExecution', `arn:aws:states:${A}:stateMachine:train-model`],
      ['states:StartExecution', `arn:aws:states:${A}:stateMachine:train-model:prod`], // an alias
      ['states:StartExecution', `arn:aws:states:${A}:stateMachine:train-model:3`], // a version
      ['states:DescribeExecution', `arn:aws:states:${A}:execution:train-model:Train-1a2b`],
      ['states:StopExecution', `arn:aws:states:${A}:execution:train-model:Train-1a2b`],
    ],
    outside: [
      ['states:StartExecution', `arn:aws:states:${A}:stateMachine:deploy-prod`],
      ['states:StartExecution', `arn:aws:states:eu-west-1:${ACCOUNT.accountId}:stateMachine:train-model`],
      ['states:DescribeExecution', `arn:aws:states:${A}:execution:deploy-prod:Run-1`],
      ['states:StopExecution', `arn:aws:states:${A}:execution:deploy-prod:Run-1`],
    ],
  },
  'Orch::Lambda::Task': {
    inside: [
      ['lambda:InvokeFunction', `arn:aws:lambda:${A}:function:etl-load`],
      ['lambda:InvokeFunction', `arn:aws:lambda:${A}:function:etl-load:live`],
      ['lambda:GetFunctionConfiguration', `arn:aws:lambda:${A}:function:etl-load`],
    ],
    outside: [
      ['lambda:InvokeFunction', `arn:aws:lambda:${A}:function:rotate-keys`],
      ['lambda:GetFunctionConfiguration', `arn:aws:lambda:${A}:function:rotate-keys:1`],
    ],
  },
  'Orch::S3::FileReader': {
    inside: [
      ['s3:GetObject', 'arn:aws:s3:::configs/app/settings.json'],
      ['s3:GetObjectVersion', 'arn:aws:s3:::configs/app/settings.json'],
      ['s3:ListBucket', 'arn:aws:s3:::configs'],
    ],
    outside: [
      ['s3:GetObject', 'arn:aws:s3:::configs/secrets/db.json'],
      ['s3:GetObject', 'arn:aws:s3:::payroll/app/settings.json'],
      ['s3:GetObjectVersion', 'arn:aws:s3:::payroll/app/settings.json'],
      ['s3:ListBucket', 'arn:aws:s3:::payroll'],
    ],
  },
  'Orch::Git::CommitFromS3': {
    inside: [
      ['s3:GetObject', 'arn:aws:s3:::releases/model/weights.bin'],
      ['s3:ListBucket', 'arn:aws:s3:::releases'],
      ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${A}:secret:git/publisher-AbCdEf`],
      ['codecommit:GitPush', `arn:aws:codecommit:${A}:config`],
      ['codecommit:GitPull', `arn:aws:codecommit:${A}:config`],
    ],
    outside: [
      ['s3:GetObject', 'arn:aws:s3:::payroll/2026/12.csv'],
      ['s3:ListBucket', 'arn:aws:s3:::payroll'],
      ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${A}:secret:prod/db-password-XyZ123`],
      ['codecommit:GitPush', `arn:aws:codecommit:${A}:infrastructure`],
      ['codecommit:GitPull', `arn:aws:codecommit:${A}:infrastructure`],
    ],
  },
};
CASES['Orch::S3::MetadataReader'] = CASES['Orch::S3::FileReader'];
CASES['Orch::Aws::Call'] = {
  inside: [
    ['dynamodb:PutItem', `arn:aws:dynamodb:${A}:table/jobs`],
    ['dynamodb:DeleteItem', `arn:aws:dynamodb:${A}:table/jobs`],
  ],
  outside: [
    ['dynamodb:PutItem', `arn:aws:dynamodb:${A}:table/payroll`],
    ['dynamodb:DeleteItem', `arn:aws:dynamodb:${A}:table/payroll`],
    ['dynamodb:Scan', `arn:aws:dynamodb:${A}:table/jobs`],
  ],
};

async function decision(policy: PolicyDocument, action: string, resource: string): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'ResourceTypePolicy', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: undefined,
      request: { action, principal: `arn:aws:iam::${ACCOUNT.accountId}:role/orch-type-role`, resource: { resource, accountId: ACCOUNT.accountId }, contextVariables: {} },
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`${action} on ${resource}: ${JSON.stringify(result.errors)}`);
  return (result as { overallResult: string }).overallResult;
}

const policyOf = (type: TypeFolder, withScopes: boolean) =>
  renderRolePolicy(roleTemplateOf(type), withScopes ? roleParameters(type, scopes) : {}, ACCOUNT);

/** The task-record actions of a type, each with a resource inside and outside its prefix. */
function recordCases(typeName: string) {
  const actions = [...actionKinds(byName(typeName).schema)].filter(([, kind]) => kind === 'records').map(([a]) => a);
  const root = `arn:aws:ssm:${A}:parameter${recordRoot(typeName)}`;
  return {
    inside: actions.map((a) => [a, a === 'ssm:GetParametersByPath' ? root : `${root}/Task-1a2b`] as [string, string]),
    outside: actions.flatMap((a) => [
      [a, `arn:aws:ssm:${A}:parameter/prod/db-password`],
      [a, `arn:aws:ssm:${A}:parameter/Orch/Task/Other/Kind/Task-1a2b`],
    ]) as Array<[string, string]>,
  };
}

describe('the generated role templates (resource-role.yaml)', () => {
  test('every action of every schema is in the table, and every table row is a type', () => {
    for (const type of types) expect(() => actionKinds(type.schema)).not.toThrow();
    expect(Object.keys(ACTION_RESOURCES).sort()).toEqual(types.map((t) => t.schema.typeName).sort());
    expect(() => actionKinds({ typeName: 'Orch::Lambda::Task', handlers: { create: { permissions: ['iam:PassRole'] } } })).toThrow(
      /Orch::Lambda::Task declares iam:PassRole, which the table does not map/,
    );
  });

  test('cfn-lint finds nothing in them', () => {
    expect(() => execFileSync(venvBin('cfn-lint'), types.map((t) => join(t.dir, 'resource-role.yaml')), { encoding: 'utf8' })).not.toThrow();
  });

  test.each(types.map((t) => [t.schema.typeName as string, t]))('%s: no statement grants anything on "*", with defaults or with scopes', (_name, type) => {
    const text = readFileSync(join(type.dir, 'resource-role.yaml'), 'utf8');
    expect(text).not.toMatch(/Resource:\s*['"]?\*['"]?\s*$/m);
    for (const policy of [policyOf(type, false), policyOf(type, true)]) {
      for (const s of policy.Statement) {
        expect(s.Effect).toBe('Allow');
        for (const r of [s.Resource].flat()) expect(r).toMatch(/^arn:aws:[a-z0-9]+:/);
      }
    }
  });

  test.each(types.map((t) => [t.schema.typeName as string, t]))('%s: with the default parameters the role reaches its task records and nothing else', (typeName, type) => {
    expect(recordPath(typeName)).toBe(recordRoot(typeName));
    const policy = policyOf(type, false);
    const root = `arn:aws:ssm:${A}:parameter${recordRoot(typeName)}`;
    expect(policy.Statement).toEqual([{ Sid: 'TaskRecords', Effect: 'Allow', Action: expect.any(Array), Resource: [root, `${root}/*`] }]);
    // Every schema permission is granted somewhere once the scopes are given.
    const granted = policyOf(type, true).Statement.flatMap((s) => s.Action);
    expect(granted.sort()).toEqual([...actionKinds(type.schema).keys(), ...adminNamed(typeName)].sort());
  });
});

describe('resource scoping, evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate)', () => {
  test.each(Object.keys(CASES))('%s: allowed inside the scopes, denied outside them and with the defaults', async (typeName) => {
    const type = byName(typeName);
    const scoped = policyOf(type, true);
    const defaults = policyOf(type, false);
    const records = recordCases(typeName);
    const cases = { inside: [...CASES[typeName].inside, ...records.inside], outside: [...CASES[typeName].outside, ...records.outside] };
    const seen: string[] = [];
    for (const [action, resource] of cases.inside) {
      seen.push(`${await decision(scoped, action, resource)} ${action} ${resource}`);
      if (!action.startsWith('ssm:')) seen.push(`defaults: ${await decision(defaults, action, resource)} ${action} ${resource}`);
    }
    for (const [action, resource] of cases.outside) seen.push(`${await decision(scoped, action, resource)} ${action} ${resource}`);
    expect(seen).toEqual([
      ...cases.inside.flatMap(([a, r]) => [`Allowed ${a} ${r}`, ...(a.startsWith('ssm:') ? [] : [`defaults: ImplicitlyDenied ${a} ${r}`])]),
      ...cases.outside.map(([a, r]) => `ImplicitlyDenied ${a} ${r}`),
    ]);
    // Every data-plane action of the type has an inside and an outside case.
    const dataPlane = [...[...actionKinds(type.schema)].filter(([, k]) => k !== 'records').map(([a]) => a), ...adminNamed(typeName)];
    expect(new Set(CASES[typeName].inside.map(([a]) => a))).toEqual(new Set(dataPlane));
    // An outside case may also be an action the admin did not name (Scan).
    for (const action of dataPlane) expect(CASES[typeName].outside.map(([a]) => a)).toContain(action);
  });
});

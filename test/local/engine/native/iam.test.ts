import { CreatePolicyCommand, GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName, TRUST_LAMBDA } from '../../../support/native-environment';

const env = nativeEnvironment();
const role = nativeProvider('AWS::IAM::Role');
const policy = nativeProvider('AWS::IAM::Policy');
const iam = env.clients.iam;
const READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] };
const WRITE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/*' }] };

const inlineNames = async (RoleName: string) => (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames;
const document = async (RoleName: string, PolicyName: string) =>
  JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument!));

// moto 5 loads no AWS managed policies unless MOTO_IAM_LOAD_MANAGED_POLICIES is set: attach a customer managed one.
let MANAGED: string;
beforeAll(async () => {
  const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: `${stackName()}-managed`, PolicyDocument: JSON.stringify(READ) }));
  MANAGED = Policy!.Arn!;
});

describe('AWS::IAM::Role', () => {
  test('Ref is the generated role name; Arn and RoleId come from IAM; inline and managed policies are on the role', async () => {
    const stack = stackName();
    const properties = { AssumeRolePolicyDocument: TRUST_LAMBDA, Policies: [{ PolicyName: 'read', PolicyDocument: READ }], ManagedPolicyArns: [MANAGED] };
    const created = await role.create({ stackName: stack, logicalId: 'TrainRole', properties }, env);
    expect(created.physicalId).toMatch(new RegExp(`^${stack}-TrainRole-[A-Z0-9]{13}$`));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: created.physicalId }));
    expect(created.attributes).toEqual({ Arn: Role!.Arn, RoleId: Role!.RoleId });
    expect(created.attributes.Arn).toBe(`arn:aws:iam::123456789012:role/${created.physicalId}`);
    expect(await document(created.physicalId, 'read')).toEqual(READ);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: created.physicalId }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([MANAGED]);

    await role.delete({ stackName: stack, logicalId: 'TrainRole', physicalId: created.physicalId, properties }, env);
    await expect(iam.send(new GetRoleCommand({ RoleName: created.physicalId }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  test('update in place replaces the trust policy, puts changed inline policies, deletes dropped ones, detaches managed ones', async () => {
    const stack = stackName();
    const before = { AssumeRolePolicyDocument: TRUST_LAMBDA, Policies: [{ PolicyName: 'read', PolicyDocument: READ }, { PolicyName: 'old', PolicyDocument: READ }], ManagedPolicyArns: [MANAGED] };
    const { physicalId } = await role.create({ stackName: stack, logicalId: 'R', properties: before }, env);
    const trustStates = { ...TRUST_LAMBDA, Statement: [{ ...TRUST_LAMBDA.Statement[0], Principal: { Service: 'states.amazonaws.com' } }] };
    const after = { AssumeRolePolicyDocument: trustStates, Policies: [{ PolicyName: 'read', PolicyDocument: WRITE }], Description: 'trains' };
    await role.update({ stackName: stack, logicalId: 'R', physicalId, properties: after, previousProperties: before }, env);

    const { Role } = await iam.send(new GetRoleCommand({ RoleName: physicalId }));
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual(trustStates);
    expect(Role!.Description).toBe('trains');
    expect(await inlineNames(physicalId)).toEqual(['read']);
    expect(await document(physicalId, 'read')).toEqual(WRITE);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: physicalId }))).AttachedPolicies).toEqual([]);
    await role.delete({ stackName: stack, logicalId: 'R', physicalId, properties: after }, env);
  });

  test('a RoleName already taken fails naming the property and IAM error', async () => {
    const stack = stackName();
    const properties = { AssumeRolePolicyDocument: TRUST_LAMBDA, RoleName: `${stack}-taken` };
    const { physicalId } = await role.create({ stackName: stack, logicalId: 'A', properties }, env);
    await expect(role.create({ stackName: stack, logicalId: 'B', properties }, env)).rejects.toThrow(/^B \(AWS::IAM::Role\): RoleName: CreateRole: EntityAlreadyExists(Exception)?: /);
    await role.delete({ stackName: stack, logicalId: 'A', physicalId, properties }, env);
  });
});

describe('AWS::IAM::Policy', () => {
  test('the policy is embedded in each role; update moves it to the new roles and renames it; delete removes it', async () => {
    const stack = stackName();
    const trust = { AssumeRolePolicyDocument: TRUST_LAMBDA };
    const [a, b] = await Promise.all(['A', 'B'].map((id) => role.create({ stackName: stack, logicalId: id, properties: trust }, env)));
    const before = { PolicyName: 'grants', PolicyDocument: READ, Roles: [a.physicalId] };
    const created = await policy.create({ stackName: stack, logicalId: 'Grants', properties: before }, env);
    expect(created.attributes.Id).toBe(created.physicalId);
    expect(await document(a.physicalId, 'grants')).toEqual(READ);

    const after = { PolicyName: 'grants2', PolicyDocument: JSON.stringify(WRITE), Roles: [a.physicalId, b.physicalId] };
    await policy.update({ stackName: stack, logicalId: 'Grants', physicalId: created.physicalId, properties: after, previousProperties: before }, env);
    expect(await inlineNames(a.physicalId)).toEqual(['grants2']);
    expect(await document(b.physicalId, 'grants2')).toEqual(WRITE);

    await policy.delete({ stackName: stack, logicalId: 'Grants', physicalId: created.physicalId, properties: after }, env);
    expect(await inlineNames(a.physicalId)).toEqual([]);
    expect(await inlineNames(b.physicalId)).toEqual([]);
    for (const r of [a, b]) await role.delete({ stackName: stack, logicalId: 'R', physicalId: r.physicalId, properties: trust }, env);
  });

  test('a policy on no principal is refused naming Roles', async () => {
    await expect(policy.create({ stackName: stackName(), logicalId: 'Lonely', properties: { PolicyName: 'p', PolicyDocument: READ } }, env)).rejects.toThrow(
      'Lonely (AWS::IAM::Policy): Roles: at least one of Roles, Users or Groups is required',
    );
  });
});

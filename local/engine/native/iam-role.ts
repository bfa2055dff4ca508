import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { physicalName } from './names';
import { call, changed, deleteIgnoringMissing, jsonText, NativeEnvironment, NativeProvider, NativeResult, Properties } from './provider';
import { tagChanges, tagList } from './tags';

const typeName = 'AWS::IAM::Role';
type InlinePolicy = { PolicyName: string; PolicyDocument: unknown };

const inlinePolicies = (p: Properties) => new Map(((p.Policies ?? []) as InlinePolicy[]).map((x) => [x.PolicyName, jsonText(x.PolicyDocument)!]));
const managed = (p: Properties) => new Set((p.ManagedPolicyArns ?? []) as string[]);

async function result(name: string, env: NativeEnvironment): Promise<NativeResult> {
  const { Role } = await env.clients.iam.send(new GetRoleCommand({ RoleName: name }));
  return { physicalId: name, attributes: { Arn: Role!.Arn!, RoleId: Role!.RoleId! } };
}

/** Attaches and detaches managed policies, puts and deletes inline ones, to go from `before` to `after`. */
async function reconcilePolicies(logicalId: string, RoleName: string, before: Properties, after: Properties, env: NativeEnvironment): Promise<void> {
  const r = { logicalId, typeName };
  const [oldManaged, newManaged] = [managed(before), managed(after)];
  for (const PolicyArn of newManaged) {
    if (!oldManaged.has(PolicyArn)) await call(r, 'ManagedPolicyArns', 'AttachRolePolicy', () => env.clients.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn })));
  }
  for (const PolicyArn of oldManaged) {
    if (!newManaged.has(PolicyArn)) await call(r, 'ManagedPolicyArns', 'DetachRolePolicy', () => env.clients.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
  }
  const [oldInline, newInline] = [inlinePolicies(before), inlinePolicies(after)];
  for (const [PolicyName, PolicyDocument] of newInline) {
    if (oldInline.get(PolicyName) !== PolicyDocument) {
      await call(r, `Policies.${PolicyName}`, 'PutRolePolicy', () => env.clients.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument })));
    }
  }
  for (const PolicyName of oldInline.keys()) {
    if (!newInline.has(PolicyName)) await call(r, `Policies.${PolicyName}`, 'DeleteRolePolicy', () => env.clients.iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
  }
}

export const iamRole: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    const RoleName = (properties.RoleName as string | undefined) ?? physicalName(stackName, logicalId, { maxLength: 64 });
    await call({ logicalId, typeName }, properties.RoleName ? 'RoleName' : 'AssumeRolePolicyDocument', 'CreateRole', () =>
      env.clients.iam.send(
        new CreateRoleCommand({
          RoleName,
          Path: properties.Path as string | undefined,
          AssumeRolePolicyDocument: jsonText(properties.AssumeRolePolicyDocument),
          Description: properties.Description as string | undefined,
          MaxSessionDuration: properties.MaxSessionDuration as number | undefined,
          PermissionsBoundary: properties.PermissionsBoundary as string | undefined,
          ...(properties.Tags ? { Tags: tagList(properties.Tags) } : {}),
        }),
      ),
    );
    await reconcilePolicies(logicalId, RoleName, {}, properties, env);
    return result(RoleName, env);
  },
  async update({ logicalId, physicalId: RoleName, properties, previousProperties: before }, env) {
    const r = { logicalId, typeName };
    if (changed('AssumeRolePolicyDocument', before, properties)) {
      await call(r, 'AssumeRolePolicyDocument', 'UpdateAssumeRolePolicy', () =>
        env.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: jsonText(properties.AssumeRolePolicyDocument) })),
      );
    }
    if (changed('Description', before, properties) || changed('MaxSessionDuration', before, properties)) {
      await call(r, 'Description', 'UpdateRole', () =>
        env.clients.iam.send(
          new UpdateRoleCommand({ RoleName, Description: (properties.Description as string | undefined) ?? '', MaxSessionDuration: (properties.MaxSessionDuration as number | undefined) ?? 3600 }),
        ),
      );
    }
    if (changed('PermissionsBoundary', before, properties)) {
      const PermissionsBoundary = properties.PermissionsBoundary as string | undefined;
      await call(r, 'PermissionsBoundary', PermissionsBoundary ? 'PutRolePermissionsBoundary' : 'DeleteRolePermissionsBoundary', () =>
        PermissionsBoundary
          ? env.clients.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary }))
          : env.clients.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })),
      );
    }
    await reconcilePolicies(logicalId, RoleName, before, properties, env);
    if (changed('Tags', before, properties)) {
      const { set, removed } = tagChanges(before.Tags, properties.Tags);
      if (removed.length) await call(r, 'Tags', 'UntagRole', () => env.clients.iam.send(new UntagRoleCommand({ RoleName, TagKeys: removed })));
      if (set.length) await call(r, 'Tags', 'TagRole', () => env.clients.iam.send(new TagRoleCommand({ RoleName, Tags: set })));
    }
    return result(RoleName, env);
  },
  async delete({ logicalId, physicalId: RoleName }, env) {
    // IAM refuses to delete a role with policies; read them from IAM, since other stacks' policies may be attached too.
    await call({ logicalId, typeName }, undefined, 'DeleteRole', () =>
      deleteIgnoringMissing(['NoSuchEntityException'], async () => {
        const attached = await env.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
        for (const p of attached.AttachedPolicies ?? []) await env.clients.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
        const inline = await env.clients.iam.send(new ListRolePoliciesCommand({ RoleName }));
        for (const PolicyName of inline.PolicyNames ?? []) await env.clients.iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
        await env.clients.iam.send(new DeleteRoleCommand({ RoleName }));
      }),
    );
  },
};

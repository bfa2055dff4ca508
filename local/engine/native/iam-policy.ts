import {
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { physicalName } from './names';
import { call, deleteIgnoringMissing, jsonText, NativeEnvironment, NativeProvider, NativeResourceError, Properties } from './provider';

const typeName = 'AWS::IAM::Policy';
const PRINCIPALS = ['Roles', 'Users', 'Groups'] as const;
type Principal = (typeof PRINCIPALS)[number];

const put: Record<Principal, (name: string, PolicyName: string, PolicyDocument: string) => any> = {
  Roles: (RoleName, PolicyName, PolicyDocument) => new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument }),
  Users: (UserName, PolicyName, PolicyDocument) => new PutUserPolicyCommand({ UserName, PolicyName, PolicyDocument }),
  Groups: (GroupName, PolicyName, PolicyDocument) => new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument }),
};
const remove: Record<Principal, (name: string, PolicyName: string) => any> = {
  Roles: (RoleName, PolicyName) => new DeleteRolePolicyCommand({ RoleName, PolicyName }),
  Users: (UserName, PolicyName) => new DeleteUserPolicyCommand({ UserName, PolicyName }),
  Groups: (GroupName, PolicyName) => new DeleteGroupPolicyCommand({ GroupName, PolicyName }),
};

/** Every (principal kind, name) the policy is embedded in, as `Roles/name` keys. */
function targets(p: Properties): Set<string> {
  return new Set(PRINCIPALS.flatMap((kind) => ((p[kind] ?? []) as string[]).map((name) => `${kind}/${name}`)));
}

async function embed(logicalId: string, properties: Properties, skip: (key: string) => boolean, env: NativeEnvironment): Promise<void> {
  const document = jsonText(properties.PolicyDocument)!;
  const PolicyName = properties.PolicyName as string;
  for (const key of targets(properties)) {
    if (skip(key)) continue;
    const [kind, name] = key.split(/\/(.*)/s) as [Principal, string];
    await call({ logicalId, typeName }, kind, `Put${kind.slice(0, -1)}Policy`, () => env.clients.iam.send(put[kind](name, PolicyName, document)));
  }
}

async function unembed(logicalId: string, properties: Properties, keep: (key: string) => boolean, env: NativeEnvironment): Promise<void> {
  const PolicyName = properties.PolicyName as string;
  for (const key of targets(properties)) {
    if (keep(key)) continue;
    const [kind, name] = key.split(/\/(.*)/s) as [Principal, string];
    await call({ logicalId, typeName }, kind, `Delete${kind.slice(0, -1)}Policy`, () =>
      deleteIgnoringMissing(['NoSuchEntityException'], () => env.clients.iam.send(remove[kind](name, PolicyName))),
    );
  }
}

/**
 * An inline policy embedded in roles, users and groups (what CDK's grants write). Its physical id is generated, as
 * CloudFormation's is; the policy name and principals it was put on come from the properties at delete.
 */
export const iamPolicy: NativeProvider = {
  typeName,
  async create({ stackName, logicalId, properties }, env) {
    if (targets(properties).size === 0) throw new NativeResourceError(logicalId, typeName, 'Roles', 'at least one of Roles, Users or Groups is required');
    await embed(logicalId, properties, () => false, env);
    const id = physicalName(stackName, logicalId, { maxLength: 64 });
    return { physicalId: id, attributes: { Id: id } };
  },
  async update({ logicalId, physicalId, properties, previousProperties }, env) {
    if (targets(properties).size === 0) throw new NativeResourceError(logicalId, typeName, 'Roles', 'at least one of Roles, Users or Groups is required');
    await embed(logicalId, properties, () => false, env);
    // A principal left out, or every principal when the name changed, loses the old policy.
    const now = targets(properties);
    const sameName = properties.PolicyName === previousProperties.PolicyName;
    await unembed(logicalId, previousProperties, (key) => sameName && now.has(key), env);
    return { physicalId, attributes: { Id: physicalId } };
  },
  async delete({ logicalId, properties }, env) {
    await unembed(logicalId, properties, () => false, env);
  },
};

/** The service principal CloudFormation's registry assumes roles as. */
export const REGISTRY_PRINCIPAL = 'resources.cloudformation.amazonaws.com';

/**
 * The trust policy of a role that CloudFormation's registry assumes for this account (a type's execution role, the
 * log delivery role): the service principal, with the account and any further conditions the role narrows it to.
 */
export function cloudFormationTrustPolicy(extraConditions: Record<string, unknown> = {}) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: REGISTRY_PRINCIPAL },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ...extraConditions },
      },
    ],
  };
}

/**
 * Where a registered type's handlers log: CloudFormation delivers handler logs only when RegisterType gets a
 * LoggingConfig, a log group and a role it may assume to write there. One stack per type holds both.
 */
import { cloudFormationTrustPolicy } from '../cloudformation-trust';

/** `/cloudformation/registry/Orch-Git-CommitFromS3` for `Orch::Git::CommitFromS3`. */
export const logGroupName = (typeName: string) => `/cloudformation/registry/${typeName.replace(/::/g, '-')}`;

/** How long handler logs are kept. */
export const LOG_RETENTION_DAYS = 90;

/** What the log delivery role may do in the type's log group (its streams). */
export const LOG_GROUP_ACTIONS = ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'];

/** What it may do on "*": these actions have no resource ARN (metrics go under the type's own namespace). */
export const UNSCOPED_LOG_ACTIONS = ['logs:DescribeLogGroups', 'cloudwatch:ListMetrics', 'cloudwatch:PutMetricData'];

/**
 * The log group and the log delivery role. The role is for CloudFormation's resource handlers in this account only,
 * and may write to this group only (metrics go to CloudWatch under the type's own namespace, which has no ARN).
 */
export function loggingTemplate(typeName: string): string {
  const group = logGroupName(typeName);
  return JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Log group and log delivery role for the handlers of ${typeName}`,
      Resources: {
        LogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: group, RetentionInDays: LOG_RETENTION_DAYS } },
        LogRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: cloudFormationTrustPolicy(),
            Policies: [
              {
                PolicyName: 'HandlerLogDelivery',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: LOG_GROUP_ACTIONS,
                      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${group}:*` },
                    },
                    { Effect: 'Allow', Action: UNSCOPED_LOG_ACTIONS, Resource: '*' },
                  ],
                },
              },
            ],
          },
        },
      },
      Outputs: {
        LogRoleArn: { Value: { 'Fn::GetAtt': ['LogRole', 'Arn'] } },
        LogGroupName: { Value: { Ref: 'LogGroup' } },
      },
    },
    null,
    2,
  );
}

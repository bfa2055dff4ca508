// Generated from resource-types/*/orch-*.json, tools/role-scopes.ts, tools/role-template.ts and tools/register/logging.ts
// by `npm run generate` (tools/type-permissions.ts). Do not edit: change those and regenerate.

/** What a statement of an execution role acts on (tools/role-scopes.ts). */
export type ResourceKind = 'records' | 'stateMachines' | 'executions' | 'functions' | 'objects' | 'buckets' | 'secrets' | 'codeCommitRepositories';

/** One statement of a type's execution role: the schema's actions on one kind of resource. */
export interface TypeStatement {
  readonly sid: string;
  readonly kind: ResourceKind;
  readonly actions: readonly string[];
}

/** What registering one type needs. */
export interface TypeRegistrationData {
  readonly typeName: string;
  /** The submission package `cfn submit --dry-run` writes for the type. */
  readonly packageFile: string;
  /** The SSM path of the task records. */
  readonly recordPath: string;
  readonly logGroupName: string;
  readonly statements: readonly TypeStatement[];
  /** The properties of the schema's typeConfiguration. */
  readonly configurationProperties: readonly string[];
}

export const REGISTRY_PRINCIPAL = "resources.cloudformation.amazonaws.com";
export const MAX_SESSION_SECONDS = 8400;
export const LOG_RETENTION_DAYS = 90;
export const LOG_GROUP_ACTIONS: readonly string[] = ["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"];
export const UNSCOPED_LOG_ACTIONS: readonly string[] = ["logs:DescribeLogGroups","cloudwatch:ListMetrics","cloudwatch:PutMetricData"];

export const TYPES: readonly TypeRegistrationData[] = [
  {
    "typeName": "Orch::Aws::Call",
    "packageFile": "orch-aws-call.zip",
    "recordPath": "/Orch/Task/Aws/Call",
    "logGroupName": "/cloudformation/registry/Orch-Aws-Call",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      }
    ],
    "configurationProperties": [
      "AllowedActions"
    ]
  },
  {
    "typeName": "Orch::Git::CommitFromS3",
    "packageFile": "orch-git-commitfroms3.zip",
    "recordPath": "/Orch/Task/Git/CommitFromS3",
    "logGroupName": "/cloudformation/registry/Orch-Git-CommitFromS3",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      },
      {
        "sid": "ReadObjects",
        "kind": "objects",
        "actions": [
          "s3:GetObject"
        ]
      },
      {
        "sid": "ListBuckets",
        "kind": "buckets",
        "actions": [
          "s3:ListBucket"
        ]
      },
      {
        "sid": "ReadGitCredentials",
        "kind": "secrets",
        "actions": [
          "secretsmanager:GetSecretValue"
        ]
      },
      {
        "sid": "PushToCodeCommit",
        "kind": "codeCommitRepositories",
        "actions": [
          "codecommit:GitPull",
          "codecommit:GitPush"
        ]
      }
    ],
    "configurationProperties": [
      "AllowedRepositoryUrls"
    ]
  },
  {
    "typeName": "Orch::Lambda::Task",
    "packageFile": "orch-lambda-task.zip",
    "recordPath": "/Orch/Task/Lambda/Task",
    "logGroupName": "/cloudformation/registry/Orch-Lambda-Task",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      },
      {
        "sid": "InvokeFunctions",
        "kind": "functions",
        "actions": [
          "lambda:GetFunctionConfiguration",
          "lambda:InvokeFunction"
        ]
      }
    ],
    "configurationProperties": []
  },
  {
    "typeName": "Orch::S3::FileReader",
    "packageFile": "orch-s3-filereader.zip",
    "recordPath": "/Orch/Task/S3/FileReader",
    "logGroupName": "/cloudformation/registry/Orch-S3-FileReader",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      },
      {
        "sid": "ReadObjects",
        "kind": "objects",
        "actions": [
          "s3:GetObject",
          "s3:GetObjectVersion"
        ]
      },
      {
        "sid": "ListBuckets",
        "kind": "buckets",
        "actions": [
          "s3:ListBucket"
        ]
      }
    ],
    "configurationProperties": []
  },
  {
    "typeName": "Orch::S3::MetadataReader",
    "packageFile": "orch-s3-metadatareader.zip",
    "recordPath": "/Orch/Task/S3/MetadataReader",
    "logGroupName": "/cloudformation/registry/Orch-S3-MetadataReader",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      },
      {
        "sid": "ReadObjects",
        "kind": "objects",
        "actions": [
          "s3:GetObject",
          "s3:GetObjectVersion"
        ]
      },
      {
        "sid": "ListBuckets",
        "kind": "buckets",
        "actions": [
          "s3:ListBucket"
        ]
      }
    ],
    "configurationProperties": []
  },
  {
    "typeName": "Orch::StepFunctions::Task",
    "packageFile": "orch-stepfunctions-task.zip",
    "recordPath": "/Orch/Task/StepFunctions/Task",
    "logGroupName": "/cloudformation/registry/Orch-StepFunctions-Task",
    "statements": [
      {
        "sid": "TaskRecords",
        "kind": "records",
        "actions": [
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
          "ssm:PutParameter"
        ]
      },
      {
        "sid": "StartExecutions",
        "kind": "stateMachines",
        "actions": [
          "states:StartExecution"
        ]
      },
      {
        "sid": "FollowExecutions",
        "kind": "executions",
        "actions": [
          "states:DescribeExecution",
          "states:StopExecution"
        ]
      }
    ],
    "configurationProperties": []
  }
];

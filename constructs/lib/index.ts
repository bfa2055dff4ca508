// The package's public surface. private/ holds helpers and is never exported from here.

// Generated L1 classes, one per type (`npm run generate` writes them from the schemas).
export * from './aws-call.generated';
export * from './git-commit-from-s3.generated';
export * from './lambda-task.generated';
export * from './s3-file-reader.generated';
export * from './s3-metadata-reader.generated';
export * from './stepfunctions-task.generated';

// Constructs.
export * from './stepfunctions-task';
export * from './lambda-task';
export * from './s3-file-reader';
export * from './s3-metadata-reader';
export * from './git-commit-from-s3';
export * from './long-running-stepfunctions-task';
export * from './aws-call';

// Support.
export * from './construct-tree-search';

// Step Functions task states for optimized integrations the CDK lacks.
export * from './tasks/optimized-integration-task';
export * from './tasks/processing-job-types';
export * from './tasks/sagemaker-create-processing-job';

// Installing the types in an account.
export * from './registration/orchestration-types';

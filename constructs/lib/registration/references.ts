/**
 * What the Orch L1 resources of a construct tree reference, for OrchestrationTypes.allowFrom: per resource, the
 * type it is, the IAM resources its handlers reach, and the repository URL it pushes to.
 */
import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { CfnGitCommitFromS3, CfnGitCommitFromS3CredentialsProvider } from '../git-commit-from-s3.generated';
import { CfnLambdaTask } from '../lambda-task.generated';
import { CfnS3FileReader } from '../s3-file-reader.generated';
import { CfnS3MetadataReader } from '../s3-metadata-reader.generated';
import { CfnStepFunctionsTask } from '../stepfunctions-task.generated';
import { codeCommitArnOfUrl, functionGrants, Grants, mergeGrants, objectGrants, prefixGrants, secretGrants, stateMachineGrants } from './arns';

/** One Orch resource and what it references. */
export interface ResourceReferences {
  readonly resource: CfnResource;
  readonly typeName: string;
  readonly grants: Grants;
  /** The repository URL (the git type's type configuration, not IAM). */
  readonly repositoryUrl?: string;
  /** Why a reference could not become a grant; said as a warning on the resource. */
  readonly unresolved: string[];
}

/** The construct a token refers to when it is exactly one reference (a Ref or a GetAtt), else undefined. */
function referencedTarget(value: string): IConstruct | undefined {
  if (!Token.isUnresolved(value)) return undefined;
  const fragments = Tokenization.reverseString(value);
  if (fragments.length !== 1 || !(fragments.firstToken instanceof Reference)) return undefined;
  return fragments.firstToken.target;
}

/** A function name token of a function in the app is granted by its ARN: IAM knows no names. */
function functionReference(nameOrArn: string, stack: Stack): Grants {
  const target = referencedTarget(nameOrArn);
  return functionGrants(target instanceof lambda.CfnFunction ? target.attrArn : nameOrArn, stack);
}

/**
 * The clone URL of a CodeCommit repository defined in the app, from its name, region and URL suffix rather than its
 * attribute: the same URL, without a reference to the repository's stack.
 */
function cloneUrlOf(repository: codecommit.CfnRepository): string | undefined {
  if (Token.isUnresolved(repository.repositoryName)) return undefined;
  const stack = Stack.of(repository);
  return `https://git-codecommit.${stack.region}.${stack.urlSuffix}/v1/repos/${repository.repositoryName}`;
}

function gitReferences(resource: CfnGitCommitFromS3): { grants: Grants; unresolved: string[]; repositoryUrl: string } {
  const { props } = resource;
  const stack = Stack.of(resource);
  const grants = prefixGrants(props.bucket, props.prefix);
  const unresolved: string[] = [];
  const repository = referencedTarget(props.repositoryUrl);
  const repositoryUrl = (repository instanceof codecommit.CfnRepository && cloneUrlOf(repository)) || props.repositoryUrl;
  if (props.credentials.provider === CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER && props.credentials.secretArn) {
    mergeGrants(grants, secretGrants(props.credentials.secretArn));
  }
  if (props.credentials.provider === CfnGitCommitFromS3CredentialsProvider.CODE_COMMIT) {
    const arn = repository instanceof codecommit.CfnRepository ? repository.attrArn : codeCommitArnOfUrl(props.repositoryUrl, stack);
    if (arn) mergeGrants(grants, { codeCommitRepositories: [arn] });
    else unresolved.push('the CodeCommit repository of its RepositoryUrl is not known at synth; name it in OrchestrationTypes\' repositories');
  }
  return { grants, unresolved, repositoryUrl };
}

/**
 * A task that starts an execution reaches its state machine; one that follows an execution (a link of a
 * LongRunningStepFunctionsTask) reaches what the task it follows reaches, or the literal execution it names.
 */
function stepFunctionsReferences(resource: CfnStepFunctionsTask): { grants: Grants; unresolved: string[] } {
  const { stateMachineArn, followExecutionArn } = resource.props;
  if (stateMachineArn) return { grants: stateMachineGrants(stateMachineArn), unresolved: [] };
  if (followExecutionArn && !Token.isUnresolved(followExecutionArn)) return { grants: { executions: [followExecutionArn] }, unresolved: [] };
  const starter = followExecutionArn ? referencedTarget(followExecutionArn) : undefined;
  if (starter instanceof CfnStepFunctionsTask && starter.props.stateMachineArn) {
    return { grants: stateMachineGrants(starter.props.stateMachineArn), unresolved: [] };
  }
  return { grants: {}, unresolved: ['the execution its FollowExecutionArn names is not known at synth; name its state machine in OrchestrationTypes\' stateMachines'] };
}

/** The references of one construct, when it is an Orch L1 resource. */
export function referencesOf(construct: IConstruct): ResourceReferences | undefined {
  if (!(construct instanceof CfnResource)) return undefined;
  const typeName = construct.cfnResourceType;
  const base = { resource: construct, typeName, unresolved: [] };
  if (construct instanceof CfnStepFunctionsTask) return { ...base, ...stepFunctionsReferences(construct) };
  if (construct instanceof CfnLambdaTask) return { ...base, grants: functionReference(construct.props.functionName, Stack.of(construct)) };
  if (construct instanceof CfnS3FileReader || construct instanceof CfnS3MetadataReader) {
    return { ...base, grants: objectGrants(construct.props.bucket, construct.props.key) };
  }
  if (construct instanceof CfnGitCommitFromS3) {
    return { ...base, ...gitReferences(construct) };
  }
  return undefined;
}

/** Every Orch L1 resource below `scope` (itself included), in the tree's order. */
export function findReferences(scope: IConstruct): ResourceReferences[] {
  return scope.node.findAll().flatMap((c) => referencesOf(c) ?? []);
}

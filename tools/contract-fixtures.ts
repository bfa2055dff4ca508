import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LambdaHandler, LocalFunction } from '../local/lambda-endpoint';
import { LOCAL_AWS } from '../local/local-aws';

const OBJECTS_KEY = 'Orch::ContractObjects';
const TYPE_CONFIGURATION_KEY = 'Orch::ContractTypeConfiguration';

/**
 * The type configuration the contract inputs need (Orch::Aws::Call's AllowedActions), from the fixtures template's
 * `Metadata` `Orch::ContractTypeConfiguration`: what the account admin sets with SetTypeConfiguration before `cfn test`.
 */
export function fixtureTypeConfiguration(file: string): Record<string, unknown> | undefined {
  return JSON.parse(readFileSync(file, 'utf8')).Metadata?.[TYPE_CONFIGURATION_KEY];
}

type Template = {
  Metadata?: { [OBJECTS_KEY]?: ContractObject[] };
  Parameters?: Record<string, unknown>;
  Resources?: Record<string, { Type: string; Properties?: Record<string, any> }>;
  Outputs?: Record<string, any>;
};

/**
 * An S3 object the contract inputs read. CloudFormation has no resource for an object, so the template lists them
 * under `Metadata` (which CloudFormation ignores) and they are put once the stack exists; in a real account, put
 * them with `aws s3api put-object` after deploying the template. `Bucket` may be `{ "Ref": "<bucket resource>" }`;
 * an object `Body` is written as JSON.
 */
interface ContractObject {
  Bucket: string | { Ref: string };
  Key: string;
  Body: unknown;
  ContentType?: string;
  Metadata?: Record<string, string>;
}

/**
 * Deploys a type's `inputs/fixtures.template.json` to the local AWS, so ListExports fills the inputs'
 * {{Export}} placeholders. The template is the one to deploy in a real account before `cfn test`.
 *
 * Objects listed under the template's `Metadata` `Orch::ContractObjects` are put into the stack's buckets afterwards.
 *
 * Local detours, for what moto's CloudFormation does not do: it puts state machines in a Step Functions backend that
 * never executes them, and it has no Secrets Manager secrets. Both are created through their service's API instead
 * (a secret's `SecretString` may be a `Fn::Sub` of the template's parameters), and their `Ref`s replaced by the ARNs.
 */
export async function deployFixtures(file: string, stackName: string, parameters: Record<string, string> = {}): Promise<void> {
  const template: Template = JSON.parse(readFileSync(file, 'utf8'));
  const refs = new Map<string, string>();
  const secrets = new SecretsManagerClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::SecretsManager::Secret') continue;
    const { ARN } = await secrets.send(
      new CreateSecretCommand({ Name: `${stackName}-${logicalId}`, SecretString: substituted(resource.Properties?.SecretString, parameters) }),
    );
    refs.set(logicalId, ARN!);
    delete template.Resources![logicalId];
  }
  const sfn = new SFNClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: `${stackName}-${logicalId}`,
        definition: resource.Properties?.DefinitionString,
        roleArn: `arn:aws:iam::${LOCAL_AWS.accountId}:role/${stackName}`,
      }),
    );
    refs.set(logicalId, stateMachineArn!);
    delete template.Resources![logicalId];
  }
  const replaced = JSON.parse(JSON.stringify(template), (_key, value) =>
    value && typeof value === 'object' && typeof value.Ref === 'string' && refs.has(value.Ref) ? refs.get(value.Ref) : value,
  );
  const cfn = new CloudFormationClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  await cfn.send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify(replaced),
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  if (Stacks?.[0]?.StackStatus !== 'CREATE_COMPLETE') throw new Error(`fixtures ${stackName}: ${Stacks?.[0]?.StackStatus}`);
  await putObjects(template.Metadata?.[OBJECTS_KEY] ?? [], stackName, cfn);
}

/** A string, or a `Fn::Sub` of the template's parameters. */
function substituted(value: unknown, parameters: Record<string, string>): string | undefined {
  const text = typeof value === 'object' && value !== null && 'Fn::Sub' in value ? (value as { 'Fn::Sub': unknown })['Fn::Sub'] : value;
  if (typeof text !== 'string') return undefined;
  return text.replace(/\$\{([A-Za-z0-9]+)\}/g, (whole, name: string) => parameters[name] ?? whole);
}

async function putObjects(objects: ContractObject[], stackName: string, cfn: CloudFormationClient): Promise<void> {
  if (objects.length === 0) return;
  const { StackResources = [] } = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  const physicalId = new Map(StackResources.map((r) => [r.LogicalResourceId, r.PhysicalResourceId]));
  const s3 = new S3Client({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
  for (const object of objects) {
    const bucket = typeof object.Bucket === 'string' ? object.Bucket : physicalId.get(object.Bucket.Ref);
    if (!bucket) throw new Error(`fixtures ${stackName}: ${OBJECTS_KEY} names no bucket of this stack: ${JSON.stringify(object.Bucket)}`);
    const body = typeof object.Body === 'string' ? object.Body : JSON.stringify(object.Body);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: object.Key, Body: body, ContentType: object.ContentType, Metadata: object.Metadata }));
  }
}

/**
 * The Node.js functions with inline code (`Code.ZipFile`) in a fixtures template, loaded from that code and keyed
 * by FunctionName, for the local Lambda endpoint to serve: moto stores Lambda functions but needs Docker to run
 * them. `dir` receives one `<logical id>/index.js` per function, as Lambda unpacks inline code.
 */
export function fixtureFunctions(file: string, dir: string): Record<string, LocalFunction> {
  const template: Template = JSON.parse(readFileSync(file, 'utf8'));
  const functions: Record<string, LocalFunction> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const p = resource.Properties ?? {};
    if (resource.Type !== 'AWS::Lambda::Function' || typeof p.Code?.ZipFile !== 'string' || !String(p.Runtime).startsWith('nodejs')) continue;
    if (typeof p.FunctionName !== 'string') throw new Error(`${file}: ${logicalId} needs a literal FunctionName to be served locally`);
    const [moduleName, exportName] = String(p.Handler ?? 'index.handler').split('.');
    const source = join(dir, logicalId, `${moduleName}.js`);
    mkdirSync(join(dir, logicalId), { recursive: true });
    writeFileSync(source, p.Code.ZipFile);
    delete require.cache[source];
    functions[p.FunctionName] = { handler: require(source)[exportName] as LambdaHandler, timeoutSeconds: p.Timeout };
  }
  return functions;
}

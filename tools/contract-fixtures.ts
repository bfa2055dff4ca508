import { readFileSync } from 'node:fs';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_AWS } from '../local/local-aws';

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, any> }>; Outputs?: Record<string, any> };

/**
 * Deploys a type's `inputs/fixtures.template.json` to the local AWS, so ListExports fills the inputs'
 * {{Export}} placeholders. The template is the one to deploy in a real account before `cfn test`.
 *
 * One local detour: moto's CloudFormation puts state machines in a Step Functions backend that never executes
 * them, so state machines are created through the Step Functions API and their `Ref`s replaced by the ARNs.
 */
export async function deployFixtures(file: string, stackName: string): Promise<void> {
  const template: Template = JSON.parse(readFileSync(file, 'utf8'));
  const refs = new Map<string, string>();
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
  await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(replaced), Capabilities: ['CAPABILITY_IAM'] }));
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  if (Stacks?.[0]?.StackStatus !== 'CREATE_COMPLETE') throw new Error(`fixtures ${stackName}: ${Stacks?.[0]?.StackStatus}`);
}

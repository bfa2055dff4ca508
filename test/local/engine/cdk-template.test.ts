import { App, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { formatDiagnostic } from '../../../local/engine/template/diagnostic';
import { parseTemplate } from '../../../local/engine/template/load';
import { TypeCatalog } from '../../../local/engine/types/catalog';
import { validateTemplate } from '../../../local/engine/validate/validate-template';
import { prepareStack } from '../../../local/engine/stack-template';
import { errorOf, tableResolver } from './support';

/** A research stack as `cdk synth` writes it: version reporting on (AWS::CDK::Metadata), BootstrapVersion from SSM. */
function synthesize(taskProperties: Record<string, unknown> = {}): Record<string, unknown> {
  const app = new App({ analyticsReporting: true });
  const stack = new Stack(app, 'Research');
  const data = new s3.Bucket(stack, 'Data');
  const machine = new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Train', { result: sfn.Result.fromObject({ accuracy: 0.9 }) })),
  });
  const task = new CfnResource(stack, 'TrainTask', {
    type: 'Orch::StepFunctions::Task',
    properties: { StateMachineArn: machine.stateMachineArn, Input: { bucket: data.bucketName }, Expose: { Accuracy: 'accuracy' }, ...taskProperties },
  });
  new sns.Topic(stack, 'Status');
  new CfnOutput(stack, 'Accuracy', { value: task.getAtt('Outputs.Accuracy').toString(), exportName: 'research-accuracy' });
  return app.synth().getStackByName('Research').template;
}

const catalog = TypeCatalog.load();

function check(template: Record<string, unknown>): string[] {
  const loaded = parseTemplate(JSON.stringify(template, null, 1), 'cdk.json');
  return validateTemplate(loaded, catalog).map((d) => formatDiagnostic(d, 'cdk.json'));
}

describe('a template synthesized by aws-cdk-lib', () => {
  const template = synthesize();

  it('validates clean, CDK metadata, SSM bootstrap parameter and Rules included', () => {
    expect(Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort()).toEqual([
      'AWS::CDK::Metadata',
      'AWS::IAM::Role',
      'AWS::S3::Bucket',
      'AWS::SNS::Topic',
      'AWS::StepFunctions::StateMachine',
      'Orch::StepFunctions::Task',
    ]);
    expect(check(template)).toEqual([]);
  });

  it('is checked like any template', () => {
    const broken = synthesize({ NamePrefx: 'train' });
    expect(check(broken)).toEqual([
      expect.stringMatching(/^cdk\.json:\d+:\d+: Resources\.TrainTask\.Properties\.NamePrefx: unknown property of Orch::StepFunctions::Task \(did you mean NamePrefix\?\)$/),
    ]);
  });

  it('prepares for a stack once BootstrapVersion can be read from SSM, and not before', () => {
    const resolver = tableResolver({});
    const identity = { region: 'us-east-1', accountId: '123456789012', stackName: 'Research' };
    expect(errorOf(() => prepareStack(template, { identity, resolver }))).toBe(
      "Parameters.BootstrapVersion.Default: Parameter 'BootstrapVersion' is read from the SSM parameter /cdk-bootstrap/hnb659fds/version, and no SSM lookup is configured",
    );
    const read: string[] = [];
    const stack = prepareStack(template, { identity, resolver, readSsmParameter: (name) => (read.push(name), '21') });
    expect(read).toEqual(['/cdk-bootstrap/hnb659fds/version']);
    expect(stack.stack.context.parameters.get('BootstrapVersion')).toBe('21');
    // CDKMetadataAvailable holds in us-east-1, so the metadata resource is part of the stack (created as nothing).
    expect([...stack.resources.values()].find((r) => r.type === 'AWS::CDK::Metadata')).toBeDefined();
    expect(catalog.get('AWS::CDK::Metadata').inert).toBe(true);
    expect(stack.graph.levels().flat()).toHaveLength(6);
  });
});

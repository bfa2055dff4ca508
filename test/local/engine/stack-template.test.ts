import { prepareStack } from '../../../local/engine/stack-template';
import { parseTemplate } from '../../../local/engine/template/load';
import { errorOf, tableResolver } from './support';

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Data: { Type: AWS::S3::Bucket, DeletionPolicy: Retain, Properties: { BucketName: !Sub "data-\${Env}" } }
  Alerts: { Type: AWS::SNS::Topic, Condition: IsProd }
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:train
      Input: { bucket: !Ref Data, alerts: !If [IsProd, !Ref Alerts, !Ref AWS::NoValue] }
      Expose: { Accuracy: accuracy }
Outputs:
  Accuracy:
    Value: !GetAtt Train.Outputs.Accuracy
    Export: { Name: !Sub "\${AWS::StackName}-accuracy" }
  AlertsArn: { Condition: IsProd, Value: !Ref Alerts }
`;

const identity = { region: 'us-east-1', accountId: '123456789012', stackName: 'ml' };
const resolver = tableResolver({ refs: { Data: 'data-dev', Alerts: 'arn:aws:sns:us-east-1:123456789012:alerts' }, attributes: { 'Train.Outputs.Accuracy': '0.91' } });
const { body } = parseTemplate(TEMPLATE, 't.yaml');

describe('a template prepared for one stack', () => {
  it('keeps only the resources and outputs whose condition holds, in dependency order', () => {
    const dev = prepareStack(body, { identity, resolver });
    expect([...dev.resources.keys()]).toEqual(['Data', 'Train']);
    expect(dev.graph.levels()).toEqual([['Data'], ['Train']]);
    expect(Object.keys(dev.evaluateOutputs())).toEqual(['Accuracy']);

    const prod = prepareStack(body, { identity, resolver, parameters: { Env: 'prod' } });
    expect(prod.graph.levels()).toEqual([['Data', 'Alerts'], ['Train']]);
    expect(prod.evaluateOutputs().AlertsArn).toEqual({ value: 'arn:aws:sns:us-east-1:123456789012:alerts', exportName: undefined });
  });

  it('evaluates properties and outputs through the resolver, and keeps deletion policies', () => {
    const stack = prepareStack(body, { identity, resolver });
    expect(stack.properties('Data')).toEqual({ BucketName: 'data-dev' });
    expect(stack.properties('Train').Input).toEqual({ bucket: 'data-dev' });
    expect(stack.evaluateOutputs()).toEqual({ Accuracy: { value: '0.91', exportName: 'ml-accuracy' } });
    expect(stack.resources.get('Data')?.deletionPolicy).toBe('Retain');
    expect(stack.resources.get('Train')?.deletionPolicy).toBe('Delete');
  });

  it('refuses a reference to a resource whose condition is false', () => {
    const broken = parseTemplate(TEMPLATE.replace('alerts: !If [IsProd, !Ref Alerts, !Ref AWS::NoValue]', 'alerts: !Ref Alerts'), 't.yaml').body;
    expect(errorOf(() => prepareStack(broken, { identity, resolver }))).toBe(
      'Resources.Train.Properties.Input.alerts: Template format error: Unresolved resource dependencies [Alerts] in the Resources block of the template (its Condition is false)',
    );
  });

  it('refuses two outputs exporting one name, and a cycle, before anything is created', () => {
    const twice = parseTemplate(`${TEMPLATE}  Again: { Value: x, Export: { Name: ml-accuracy } }\n`, 't.yaml').body;
    expect(errorOf(() => prepareStack(twice, { identity, resolver }).evaluateOutputs())).toBe('Outputs.Again.Export.Name: the export name ml-accuracy is already used by output Accuracy');
    const cycle = parseTemplate(TEMPLATE.replace('BucketName: !Sub "data-${Env}"', 'BucketName: !GetAtt Train.Id'), 't.yaml').body;
    expect(errorOf(() => prepareStack(cycle, { identity, resolver }))).toBe('Resources.Data: Circular dependency between resources: [Data, Train]');
  });
});

import { DependencyGraph } from '../../../local/engine/graph';
import { parseTemplate } from '../../../local/engine/template/load';
import { errorOf } from './support';

function graphOf(yaml: string, condition?: (name: string) => boolean): DependencyGraph {
  const { body } = parseTemplate(yaml, 't.yaml');
  return new DependencyGraph(body.Resources as Record<string, unknown>, { condition });
}

const PIPELINE = `
Parameters:
  Env: { Type: String, Default: dev }
Resources:
  Data: { Type: AWS::S3::Bucket }
  Role: { Type: AWS::IAM::Role }
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties: { RoleArn: !GetAtt Role.Arn, DefinitionString: !Sub "{\\"b\\": \\"\${Data}\\", \\"e\\": \\"\${Env}-\${AWS::Region}\\"}" }
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !Ref Machine
      Input: !Sub ["\${Bucket}/\${Local}", { Bucket: !Ref Data, Local: literal }]
  Card:
    Type: Orch::S3::FileReader
    DependsOn: Train
    Properties: { Bucket: !Ref Data, Key: !GetAtt Train.Outputs.CardKey }
  Topic: { Type: AWS::SNS::Topic }
  Publish:
    Type: Orch::Git::CommitFromS3
    DependsOn: [Card, Topic]
    Properties: { Bucket: !Ref Data }
`;

describe('dependency graph', () => {
  it('draws edges from DependsOn, Ref, GetAtt and Sub (not to parameters, pseudo parameters or Sub variables)', () => {
    const edges = graphOf(PIPELINE).edges.map((e) => `${e.from}->${e.to} ${e.kind} ${e.path.join('.')}`);
    expect(edges).toEqual([
      'Machine->Role GetAtt Resources.Machine.Properties.RoleArn',
      'Machine->Data Sub Resources.Machine.Properties.DefinitionString',
      'Train->Machine Ref Resources.Train.Properties.StateMachineArn',
      'Train->Data Ref Resources.Train.Properties.Input.Fn::Sub.1.Bucket',
      'Card->Train DependsOn Resources.Card.DependsOn',
      'Card->Data Ref Resources.Card.Properties.Bucket',
      'Card->Train GetAtt Resources.Card.Properties.Key',
      'Publish->Card DependsOn Resources.Publish.DependsOn.0',
      'Publish->Topic DependsOn Resources.Publish.DependsOn.1',
      'Publish->Data Ref Resources.Publish.Properties.Bucket',
    ]);
  });

  it('orders creation in levels of independent resources, and deletion in reverse', () => {
    const graph = graphOf(PIPELINE);
    expect(graph.levels()).toEqual([['Data', 'Role', 'Topic'], ['Machine'], ['Train'], ['Card'], ['Publish']]);
    expect(graph.deletionLevels()).toEqual([['Publish'], ['Card'], ['Train'], ['Machine'], ['Data', 'Role', 'Topic']]);
  });

  it('follows only the Fn::If branch a condition chooses, when given the conditions', () => {
    const yaml = `
Resources:
  A: { Type: AWS::S3::Bucket }
  B: { Type: AWS::S3::Bucket }
  C: { Type: AWS::SNS::Topic, Properties: { TopicName: !If [UseA, !Ref A, !Ref B] } }
`;
    expect(graphOf(yaml, () => true).dependenciesOf('C')).toEqual(new Set(['A']));
    expect(graphOf(yaml, () => false).dependenciesOf('C')).toEqual(new Set(['B']));
    expect(graphOf(yaml).dependenciesOf('C')).toEqual(new Set(['A', 'B']));
  });

  it('names the resources of a cycle, and only those', () => {
    const graph = graphOf(`
Resources:
  Base: { Type: AWS::S3::Bucket }
  A: { Type: AWS::SNS::Topic, Properties: { TopicName: !GetAtt C.TopicName } }
  B: { Type: AWS::SNS::Topic, Properties: { TopicName: !Sub "\${A.TopicName}-\${Base}" } }
  C: { Type: AWS::SNS::Topic, DependsOn: B }
  After: { Type: AWS::SNS::Topic, DependsOn: C }
  Self: { Type: AWS::SNS::Topic, Properties: { TopicName: !Ref Self } }
`);
    expect(graph.cycles()).toEqual([['A', 'B', 'C'], ['Self']]);
    expect(errorOf(() => graph.levels())).toBe('Resources.A: Circular dependency between resources: [A, B, C]');
  });

  it("refuses a DependsOn naming no resource, in CloudFormation's words", () => {
    const graph = graphOf('Resources:\n  A: { Type: AWS::S3::Bucket, DependsOn: [Bucket] }\n');
    expect(errorOf(() => graph.levels())).toBe(
      'Resources.A.DependsOn[0]: Template format error: Unresolved resource dependencies [Bucket] in the Resources block of the template',
    );
  });
});

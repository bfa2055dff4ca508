import { deployStack } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';

const SHARED = `
Resources:
  Thing: { Type: Test::Fake::Thing, Properties: { Value: shared } }
Outputs:
  Value: { Value: !GetAtt Thing.Arn, Export: { Name: shared-value } }
  Dev: { Value: dev-imported, Export: { Name: dev-value } }
`;

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Sizes: { Type: CommaDelimitedList, Default: "1,2,3" }
Mappings:
  Regions: { eu-west-1: { Bucket: eu-data } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsDev, !Equals [a, a]]
  Either: !Or [!Condition IsProd, !Condition Both]
Resources:
  Source: { Type: Test::Fake::Thing, Properties: { Value: source } }
  ProdOnly: { Type: Test::Fake::Thing, Condition: IsProd, Properties: { Value: prod } }
  Sink:
    Type: Test::Fake::Thing
    DependsOn: Later
    Properties:
      RefValue: !Ref Source
      Arn: !GetAtt Source.Arn
      Dotted: !GetAtt Source.Outputs.Accuracy
      Nested: !GetAtt Source.Outputs.Model.uri
      ListForm: !GetAtt [Source, Arn]
      SubString: !Sub "\${Source}|\${Source.Arn}|\${AWS::Region}|\${Env}|\${!Literal}"
      SubList: !Sub ["\${X}-\${Source.Outputs.Accuracy}", { X: !Ref Env }]
      Join: !Join [":", [!Ref Source, !GetAtt Source.Name]]
      Select: !Select [1, !Ref Sizes]
      Split: !Split ["/", !GetAtt Source.Outputs.Model.uri]
      SelectSplit: !Select [1, !Split ["-", !Ref Source]]
      If: !If [IsProd, prod, !Ref Source]
      IfNoValue: !If [IsProd, x, !Ref AWS::NoValue]
      Either: !If [Either, "yes", "no"]
      FindInMap: !FindInMap [Regions, !Ref AWS::Region, Bucket]
      AZs: !GetAZs ""
      AZ: !Select [0, !GetAZs { Ref: AWS::Region }]
      Base64: !Base64 { Ref: Source }
      Import: !ImportValue shared-value
      ImportSub: !ImportValue { "Fn::Sub": "\${Env}-value" }
      Pseudo: [!Ref AWS::Region, !Ref AWS::AccountId, !Ref AWS::StackName, !Ref AWS::StackId, !Ref AWS::Partition, !Ref AWS::URLSuffix]
      NoValue: !Ref AWS::NoValue
      List: [a, !Ref AWS::NoValue, b]
  Later: { Type: Test::Fake::Thing, Properties: { Value: later } }
Outputs:
  SinkArn: { Value: !GetAtt Sink.Arn }
  Model: { Value: !GetAtt Source.Outputs.Model.uri, Export: { Name: !Sub "\${AWS::StackName}-model" } }
  Prod: { Condition: IsProd, Value: !Ref ProdOnly }
`;

describe('the executor: intrinsic functions and pseudo parameters through a deploy', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => fixture.remove());

  it('passes values from one resource\'s Ref and attributes into another\'s properties', async () => {
    const shared = await deployStack(fixture.deploy('shared', SHARED));
    const result = await deployStack(fixture.deploy('intrinsics', TEMPLATE));
    expect(result.status).toBe('CREATE_COMPLETE');
    const source = result.resources.Source.physicalId;
    expect(source).toMatch(/^intrinsics-Source-\d+$/);
    const sink = fixture.cloud.only('Sink', 'create');
    // DependsOn orders Sink after Later, which it does not reference.
    expect(sink.start).toBeGreaterThanOrEqual(fixture.cloud.only('Later', 'create').end!);
    expect(sink.properties).toEqual({
      RefValue: source,
      Arn: `arn:fake:${source}`,
      Dotted: '0.91',
      Nested: `s3://models/${source}`,
      ListForm: `arn:fake:${source}`,
      SubString: `${source}|arn:fake:${source}|eu-west-1|dev|\${Literal}`,
      SubList: 'dev-0.91',
      Join: `${source}:${source}`,
      Select: '2',
      Split: ['s3:', '', 'models', source],
      SelectSplit: 'Source',
      If: source,
      Either: 'yes',
      FindInMap: 'eu-data',
      AZs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      AZ: 'eu-west-1a',
      Base64: Buffer.from(source).toString('base64'),
      Import: `arn:fake:${shared.resources.Thing.physicalId}`,
      ImportSub: 'dev-imported',
      Pseudo: ['eu-west-1', '123456789012', 'intrinsics', result.stackId, 'aws', 'amazonaws.com'],
      List: ['a', 'b'],
    });
    expect(result.resources.ProdOnly).toBeUndefined();
    expect(result.outputs).toEqual({
      SinkArn: { value: `arn:fake:${result.resources.Sink.physicalId}` },
      Model: { value: `s3://models/${source}`, exportName: 'intrinsics-model' },
    });
  });

  it('creates a conditional resource and its output when the condition holds, and follows the Fn::If branch it chooses', async () => {
    await deployStack(fixture.deploy('shared', SHARED.replace('Name: dev-value', 'Name: prod-value').replace('dev-imported', 'prod-imported')));
    const result = await deployStack(fixture.deploy('intrinsics', TEMPLATE, { parameters: { Env: 'prod' } }));
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(result.outputs.Prod).toEqual({ value: result.resources.ProdOnly.physicalId });
    expect(fixture.cloud.only('Sink', 'create').properties).toMatchObject({ If: 'prod', IfNoValue: 'x', Either: 'yes', ImportSub: 'prod-imported' });
  });
});

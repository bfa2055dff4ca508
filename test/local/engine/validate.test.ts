import { join } from 'node:path';
import { formatDiagnostic } from '../../../local/engine/template/diagnostic';
import { loadTemplate, parseTemplate } from '../../../local/engine/template/load';
import { TypeCatalog } from '../../../local/engine/types/catalog';
import { validateTemplate } from '../../../local/engine/validate/validate-template';

const catalog = TypeCatalog.load();

/** Every diagnostic of a template, as `orch validate` prints it. */
function check(yaml: string, file = 't.yaml'): string[] {
  const template = parseTemplate(yaml, file);
  return validateTemplate(template, catalog).map((d) => formatDiagnostic(d, file));
}

// The head every broken template below shares: a role, a state machine and the data bucket.
const HEAD = `Resources:
  Data:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      DefinitionString: "{}"
`;

describe('orch validate: a valid template', () => {
  it('reports nothing on a pipeline that uses every short tag, parameter type, conditions and mappings', () => {
    const template = loadTemplate(join(__dirname, 'templates', 'pipeline.yaml'));
    expect(validateTemplate(template, catalog)).toEqual([]);
  });
});

describe('orch validate: broken templates, each message whole', () => {
  it('a typo in a property name, with the name it resembles', () => {
    expect(check(`${HEAD}  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !Ref Machine
      Inptu: { epochs: 3 }
`)).toEqual(['t.yaml:17:7: Resources.Train.Properties.Inptu: unknown property of Orch::StepFunctions::Task (did you mean Input?)']);
  });

  it('neither or both of a top-level oneOf (StateMachineArn, FollowExecutionArn), said once', () => {
    expect(check(`${HEAD}  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      Input: { epochs: 3 }
`)).toEqual(['t.yaml:15:5: Resources.Train.Properties: Orch::StepFunctions::Task requires one of StateMachineArn or FollowExecutionArn']);
    expect(check(`${HEAD}  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !Ref Machine
      FollowExecutionArn: arn:aws:states:eu-west-1:123456789012:execution:m:e
`)).toEqual(['t.yaml:15:5: Resources.Train.Properties: Orch::StepFunctions::Task requires one of StateMachineArn or FollowExecutionArn, not more than one']);
  });

  it('a missing required property, at the properties that lack it', () => {
    expect(check(`${HEAD}  Card:
    Type: Orch::S3::FileReader
    Properties:
      Key: card.json
`)).toEqual(['t.yaml:15:5: Resources.Card.Properties: Orch::S3::FileReader requires Bucket']);
  });

  // A native type takes scalars as CloudFormation does (1 as text, "true" as a boolean), but not "yes" for a boolean.
  it('a missing nested required property, an enum outside its values, a scalar of the wrong kind', () => {
    expect(check(`${HEAD}  Publish:
    Type: Orch::Git::CommitFromS3
    Properties:
      Bucket: !Ref Data
      RepositoryUrl: http://127.0.0.1/repo.git
      CommitMessage: release
      Credentials: { SecretArn: x }
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: Strings, Value: 1 }
  Topic:
    Type: AWS::SNS::Topic
    Properties: { FifoTopic: "true", ContentBasedDeduplication: "yes" }
`)).toEqual([
      't.yaml:19:7: Resources.Publish.Properties.Credentials: requires Provider',
      "t.yaml:19:22: Resources.Publish.Properties.Credentials.SecretArn: 'x' does not match ^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$",
      "t.yaml:22:19: Resources.Param.Properties.Type: must be one of String, StringList, not 'Strings'",
      't.yaml:25:38: Resources.Topic.Properties.ContentBasedDeduplication: must be a boolean, not a string',
    ]);
  });

  it('wrong types: literal values, and intrinsics whose type is known', () => {
    // A Number parameter, or text from an intrinsic, may go where a number is wanted; a list may not.
    expect(check(`Parameters:
  Names: { Type: CommaDelimitedList, Default: "a,b" }
  Memory: { Type: Number, Default: 256 }
${HEAD}  Fn:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt Role.Arn, Code: {}, MemorySize: !Ref Memory, Timeout: !Ref Names, Architectures: !Sub x }
  Role2: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {}, MaxSessionDuration: !Sub "3600" } }
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !Ref Machine
      StopOnDelete: "yes"
      RunToken: !Join ["", [a]]
      NamePrefix: !Ref Names
      OutputPaths: !Sub "model.uri"
      Input: !Split [",", "a,b"]
      Expose: !If [Always, {}, !Ref AWS::NoValue]
Conditions:
  Always: !Equals [a, a]
`)).toEqual([
      't.yaml:18:78: Resources.Fn.Properties.Timeout: must be an integer, but Ref gives a list',
      't.yaml:18:99: Resources.Fn.Properties.Architectures: must be a list, but Fn::Sub gives a string',
      't.yaml:24:7: Resources.Train.Properties.StopOnDelete: must be a boolean, not a string',
      't.yaml:26:7: Resources.Train.Properties.NamePrefix: must be a string, but Ref gives a list',
      't.yaml:27:7: Resources.Train.Properties.OutputPaths: must be a list, but Fn::Sub gives a string',
      't.yaml:28:7: Resources.Train.Properties.Input: must be a mapping or a string, but Fn::Split gives a list',
    ]);
  });

  it('a read-only property set as an input', () => {
    expect(check(`${HEAD}  Train:
    Type: Orch::StepFunctions::Task
    Properties: { StateMachineArn: !Ref Machine, Status: RUNNING }
`)).toEqual(['t.yaml:15:50: Resources.Train.Properties.Status: read-only property of Orch::StepFunctions::Task: an attribute, read it with Fn::GetAtt']);
  });

  it('bad GetAtt attributes: a native attribute, an Outputs name not in a literal Expose, a path a schema cannot hold', () => {
    expect(check(`${HEAD}  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !GetAtt Machine.Arnn
      Expose: { Accuracy: metrics.accuracy }
  Card:
    Type: Orch::S3::FileReader
    Properties:
      Bucket: !Ref Data
      Key: !GetAtt Train.Outputs.Acuracy
  Meta:
    Type: Orch::S3::MetadataReader
    Properties:
      Bucket: !Ref Data
      Key: !GetAtt Card.Outputs.Key
Outputs:
  Status: { Value: !GetAtt Train.Status.Code }
  Uri: { Value: !GetAtt Train.Output.model.uri }
`)).toEqual([
      't.yaml:16:7: Resources.Train.Properties.StateMachineArn: Fn::GetAtt Machine.Arnn: AWS::StepFunctions::StateMachine has no attribute Arnn (it has Arn, Name, StateMachineRevisionId)',
      "t.yaml:22:7: Resources.Card.Properties.Key: Fn::GetAtt Train.Outputs.Acuracy: Acuracy is not in the resource's Expose (Accuracy), so Outputs.Acuracy is never set",
      't.yaml:27:7: Resources.Meta.Properties.Key: Fn::GetAtt Card.Outputs.Key: the resource has no Expose, so Outputs.Key is never set: add Key to Expose',
      't.yaml:29:13: Outputs.Status.Value: Fn::GetAtt Train.Status.Code: Status holds a single value, not keys (so Status.Code does not exist)',
    ]);
  });

  it('unknown resources, parameters and attributes in Ref, GetAtt and ${}', () => {
    expect(check(`Parameters:
  Env: { Type: String, Default: dev }
${HEAD}  Card:
    Type: Orch::S3::FileReader
    DependsOn: Dta
    Properties:
      Bucket: !Ref Dta
      Key: !Sub "\${Env}/\${Machin.Arn}/\${Env.Name}/\${AWS::Regoin}/\${Local}/\${!Literal}"
Outputs:
  Out: { Value: !GetAtt Env.Arn }
`)).toEqual([
      't.yaml:17:5: Resources.Card.DependsOn: Template format error: Unresolved resource dependencies [Dta] in the Resources block of the template',
      't.yaml:19:7: Resources.Card.Properties.Bucket: Ref to Dta: no parameter or resource named Dta (did you mean Data?)',
      't.yaml:20:7: Resources.Card.Properties.Key: Fn::Sub ${Machin.Arn}: no parameter or resource named Machin (did you mean Machine?)',
      't.yaml:20:7: Resources.Card.Properties.Key: Fn::Sub ${Env.Name}: Env is not a resource, so it has no attribute Name',
      't.yaml:20:7: Resources.Card.Properties.Key: Fn::Sub ${AWS::Regoin}: no parameter or resource named AWS::Regoin (did you mean AWS::Region?)',
      't.yaml:20:7: Resources.Card.Properties.Key: Fn::Sub ${Local}: no parameter or resource named Local',
      't.yaml:22:10: Outputs.Out.Value: Fn::GetAtt Env.Arn: Env is a parameter, not a resource',
    ]);
  });

  it('a cycle, named by the resources in it (not the ones that merely wait for it)', () => {
    expect(check(`${HEAD}  A:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !GetAtt C.TopicName }
  B:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !Sub "\${A.TopicName}" }
  C:
    Type: AWS::SNS::Topic
    DependsOn: [B, Data]
  Later:
    Type: AWS::SNS::Topic
    DependsOn: C
`)).toEqual(['t.yaml:13:3: Resources.A: Circular dependency between resources: [A, B, C]']);
  });

  it('unsupported types and functions, unknown conditions, mappings and sections', () => {
    expect(check(`Transform: AWS::Serverless-2016-10-31
Mappings:
  Sizes: { dev: { n: "1" } }
Conditions:
  Loop1: !Not [!Condition Loop2]
  Loop2: !Or [!Condition Loop1, !Condition Nope]
  UsesResource: !Equals [!Ref Data, x]
Resource: {}
${HEAD}  Vm:
    Type: AWS::EC2::Instance
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProdd
    Properties:
      DisplayName: !FindInMap [Sizes, prod, n]
      TopicName: !Cidr [10.0.0.0/16, 2, 8]
`)).toEqual([
      't.yaml:1:1: Transform: the local engine does not run transforms (macros, AWS::Serverless): deploy the transformed template',
      't.yaml:5:3: Conditions.Loop1: circular condition: Loop1 -> Loop2 -> Loop1',
      't.yaml:6:33: Conditions.Loop2.Fn::Or[1].Condition: no condition named Nope in Conditions',
      't.yaml:7:26: Conditions.UsesResource.Fn::Equals[0]: Ref to Data: a condition cannot reference a resource',
      't.yaml:8:1: Resource: unknown template section (did you mean Resources?)',
      't.yaml:22:5: Resources.Vm.Type: unsupported resource type AWS::EC2::Instance: the local engine creates Orch::Aws::Call, Orch::Git::CommitFromS3, Orch::Lambda::Task, Orch::S3::FileReader, Orch::S3::MetadataReader, Orch::StepFunctions::Task, AWS::S3::Bucket, AWS::StepFunctions::StateMachine, AWS::IAM::Role, AWS::IAM::Policy, AWS::Lambda::Function, AWS::SecretsManager::Secret, AWS::SSM::Parameter, AWS::SNS::Topic, AWS::SNS::TopicPolicy, AWS::Events::Rule, AWS::CDK::Metadata',
      't.yaml:25:5: Resources.Topic.Condition: no condition named IsProdd in Conditions',
      't.yaml:27:39: Resources.Topic.Properties.DisplayName.Fn::FindInMap[1]: mapping Sizes has no key prod',
      't.yaml:28:7: Resources.Topic.Properties.TopicName: Fn::Cidr is not a function the local engine supports',
    ]);
  });

  it('outputs without a Value, and one export name used twice', () => {
    expect(check(`${HEAD}Outputs:
  A: { Value: !Ref Data, Export: { Name: shared-data } }
  B: { Value: !Ref Role, Export: { Name: shared-data } }
  C: { Description: nothing, Valeu: x }
`)).toEqual([
      't.yaml:15:36: Outputs.B.Export.Name: the export name shared-data is already used by output A',
      't.yaml:16:3: Outputs.C: the output has no Value',
      't.yaml:16:30: Outputs.C.Valeu: unknown output attribute (did you mean Value?)',
    ]);
  });

  it('functions given the wrong number or kind of arguments', () => {
    expect(check(`${HEAD}  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Join [only-one]
      Tags: [!Sub [1, {}], !Sub ["\${X}", !Ref Data], !Ref ""]
      DisplayName: !If [Cond, a]
      KmsMasterKeyId: !Select 0
Conditions:
  Cond: !And [!Equals [a, a]]
`)).toEqual([
      't.yaml:16:18: Resources.Topic.Properties.TopicName.Fn::Join: Fn::Join takes a list of 2 arguments',
      't.yaml:17:20: Resources.Topic.Properties.Tags[0].Fn::Sub[0]: the Fn::Sub string must be text',
      't.yaml:17:28: Resources.Topic.Properties.Tags[1]: Fn::Sub ${X}: no parameter or resource named X',
      't.yaml:17:42: Resources.Topic.Properties.Tags[1].Fn::Sub[1]: the Fn::Sub variables must be a mapping of names to values',
      't.yaml:17:54: Resources.Topic.Properties.Tags[2].Ref: Ref takes the name of a parameter or resource',
      't.yaml:18:20: Resources.Topic.Properties.DisplayName.Fn::If: Fn::If takes a list of 3 arguments',
      't.yaml:19:23: Resources.Topic.Properties.KmsMasterKeyId.Fn::Select: Fn::Select takes a list of 2 arguments',
      't.yaml:21:9: Conditions.Cond.Fn::And: Fn::And takes a list of 2 to 10 arguments',
    ]);
  });

  it('names positions in JSON templates too', () => {
    const json = JSON.stringify({ Resources: { Data: { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'x' } } } }, null, 2);
    expect(check(json, 't.json')).toEqual(['t.json:6:9: Resources.Data.Properties.BucketNam: unknown property of AWS::S3::Bucket (did you mean BucketName?)']);
  });
});

import { deployStack, readStack, StackOperationRefused } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';

describe('the executor: refusals before anything is created', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => fixture.remove());

  async function problems(body: string, extra = {}): Promise<readonly string[]> {
    const options = fixture.deploy('bad', body, extra);
    const error = await deployStack(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackOperationRefused);
    expect((error as StackOperationRefused).kind).toBe('invalid');
    expect(fixture.cloud.calls).toEqual([]);
    expect(readStack(fixture.stateDir, 'bad')).toBeUndefined();
    return (error as StackOperationRefused).problems.map((p) => p.replace(options.templateFile, 't.yaml'));
  }

  it('refuses an unsupported type, a cycle, an unknown reference and attribute, as orch validate reports them', async () => {
    expect(
      await problems(`Resources:
  Ok: { Type: Test::Fake::Thing, Properties: { Value: x } }
  Odd: { Type: AWS::EC2::Instance }
  A: { Type: Test::Fake::Thing, Properties: { Value: !Ref B } }
  B: { Type: Test::Fake::Thing, Properties: { Value: !Ref A } }
  C: { Type: Test::Fake::Thing, Properties: { Value: !Ref Nope } }
  D: { Type: AWS::SNS::Topic, Properties: { TopicName: !GetAtt Topic.Nope } }
  Topic: { Type: AWS::SNS::Topic }
`),
    ).toEqual([
      `t.yaml:3:10: Resources.Odd.Type: unsupported resource type AWS::EC2::Instance: the local engine creates ${fixture.catalog.typeNames.join(', ')}`,
      't.yaml:4:3: Resources.A: Circular dependency between resources: [A, B]',
      't.yaml:6:47: Resources.C.Properties.Value: Ref to Nope: no parameter or resource named Nope',
      't.yaml:7:45: Resources.D.Properties.TopicName: Fn::GetAtt Topic.Nope: AWS::SNS::Topic has no attribute Nope (it has TopicArn, TopicName)',
    ]);
  });

  it('refuses a type the engine has no provisioner for, and a parameter value outside AllowedValues', async () => {
    const noTopics = (type: string) => (type === 'AWS::SNS::Topic' ? undefined : fixture.cloud.provisioners(type));
    expect(await problems(`Resources:\n  Ok: { Type: Test::Fake::Thing }\n  Topic: { Type: AWS::SNS::Topic }\n`, { provisioners: noTopics })).toEqual([
      't.yaml:3:12: Resources.Topic.Type: the local engine has no provisioner for AWS::SNS::Topic',
    ]);
    expect(await problems(`Parameters:\n  Env: { Type: String, AllowedValues: [dev, prod] }\nResources:\n  Ok: { Type: Test::Fake::Thing, Properties: { Value: !Ref Env } }\n`, { parameters: { Env: 'test' } })).toEqual([
      "t.yaml:2:3: Parameters.Env: Parameter 'Env' must be one of dev, prod, not 'test'",
    ]);
  });

  it('reads AWS::SSM::Parameter::Value parameters through the engine\'s SSM reader, refusing one that does not exist', async () => {
    const body = `Parameters:
  BootstrapVersion: { Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk-bootstrap/hnb659fds/version }
Resources:
  Ok: { Type: Test::Fake::Thing, Properties: { Value: !Ref BootstrapVersion } }
`;
    expect(await problems(body)).toEqual([
      "t.yaml:2:67: Parameters.BootstrapVersion.Default: Parameter 'BootstrapVersion' is read from the SSM parameter /cdk-bootstrap/hnb659fds/version, and no SSM lookup is configured",
    ]);
    expect(await problems(body, { readSsmParameter: async () => undefined })).toEqual([
      't.yaml:2:67: Parameters.BootstrapVersion.Default: the SSM parameter /cdk-bootstrap/hnb659fds/version does not exist in the local AWS',
    ]);
    const asked: string[] = [];
    const result = await deployStack(fixture.deploy('cdk', body, { readSsmParameter: async (name: string) => (asked.push(name), name === '/cdk-bootstrap/hnb659fds/version' ? '21' : undefined) }));
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(asked).toEqual(['/cdk-bootstrap/hnb659fds/version']);
    expect(fixture.cloud.only('Ok', 'create').properties).toEqual({ Value: '21' });
  });
});

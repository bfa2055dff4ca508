import { checkParameterDeclarations, resolveParameters } from '../../../local/engine/parameters';
import { parseTemplate } from '../../../local/engine/template/load';
import { errorOf } from './support';

const { body } = parseTemplate(
  `
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Bucket: { Type: String, AllowedPattern: "[a-z0-9-]+", MinLength: 3, MaxLength: 10 }
  Epochs: { Type: Number, Default: 5, MinValue: 1, MaxValue: 50 }
  Rates: { Type: List<Number>, Default: "0.1,0.2" }
  Tags: { Type: CommaDelimitedList, Default: [a, b] }
  Token: { Type: String, NoEcho: true, Default: s3cret }
  Tier: { Type: String, Default: gold, AllowedPattern: "gold|silver", ConstraintDescription: "gold or silver" }
`,
  't.yaml',
);
const declarations = body.Parameters as Record<string, unknown>;

describe('parameters', () => {
  it('takes given values over defaults and reads the YAML scalars and lists CloudFormation reads as text', () => {
    const { values, noEcho } = resolveParameters(declarations, { Bucket: 'data-1', Epochs: '7' });
    expect(Object.fromEntries(values)).toEqual({
      Env: 'dev',
      Bucket: 'data-1',
      Epochs: '7',
      Rates: ['0.1', '0.2'],
      Tags: ['a', 'b'],
      Token: 's3cret',
      Tier: 'gold',
    });
    expect([...noEcho]).toEqual(['Token']);
  });

  it("names missing and unknown parameters in CloudFormation's words", () => {
    expect(errorOf(() => resolveParameters(declarations, {}))).toBe('Parameters: Parameters: [Bucket] must have values');
    expect(errorOf(() => resolveParameters(declarations, { Bucket: 'abc', Epoch: '1' }))).toBe('Parameters: Parameters: [Epoch] do not exist in the template');
  });

  it.each([
    [{ Env: 'test' }, "Parameters.Env: Parameter 'Env' must be one of dev, prod, not 'test'"],
    [{ Bucket: 'Data_1' }, "Parameters.Bucket: Parameter 'Bucket' must match pattern [a-z0-9-]+"],
    // The whole value must match, not a part of it.
    [{ Bucket: 'ok-but-UPPER' }, "Parameters.Bucket: Parameter 'Bucket' must match pattern [a-z0-9-]+"],
    [{ Bucket: 'ab' }, "Parameters.Bucket: Parameter 'Bucket' must be at least 3 characters long"],
    [{ Bucket: 'abcdefghijk' }, "Parameters.Bucket: Parameter 'Bucket' must be at most 10 characters long"],
    [{ Epochs: 'five' }, "Parameters.Epochs: Parameter 'Epochs' must be a number, not 'five'"],
    [{ Epochs: '0' }, "Parameters.Epochs: Parameter 'Epochs' must be at least 1"],
    [{ Epochs: '51' }, "Parameters.Epochs: Parameter 'Epochs' must be at most 50"],
    [{ Rates: '0.1,x' }, "Parameters.Rates: Parameter 'Rates' must be a number, not 'x'"],
    [{ Tier: 'bronze' }, "Parameters.Tier: Parameter 'Tier' failed to satisfy constraint: gold or silver"],
  ])('refuses %j', (given, message) => {
    expect(errorOf(() => resolveParameters(declarations, { Bucket: 'abc', ...given }))).toBe(message);
  });

  it('checks declarations: types, attributes and defaults against their own constraints', () => {
    const { body: broken } = parseTemplate(
      `
Parameters:
  A: { Type: Strnig }
  B: { Type: String, Default: x, AllowedValues: [y, z] }
  C: { Type: AWS::SSM::Parameter::Value<Strnig>, Default: /p }
  D: { Type: String, Defualt: x }
  E: { Type: AWS::EC2::KeyPair::KeyName, Default: k }
  F: { Type: List<AWS::EC2::Subnet::Id>, Default: "s-1,s-2" }
  G: { Type: AWS::SSM::Parameter::Value<List<String>>, Default: /zones }
  H: { Type: AWS::SSM::Parameter::Value<String>, Default: 3 }
`,
      't.yaml',
    );
    expect(checkParameterDeclarations(broken.Parameters as Record<string, unknown>).map((e) => e.message)).toEqual([
      'Parameters.A.Type: unsupported parameter type Strnig',
      "Parameters.B.Default: Parameter 'B' must be one of y, z, not 'x'",
      'Parameters.C.Type: unsupported parameter type AWS::SSM::Parameter::Value<Strnig>',
      'Parameters.D.Defualt: unknown parameter attribute Defualt',
      'Parameters.H.Default: the Default of an SSM parameter type is the name of an SSM parameter',
    ]);
  });

  it('reads SSM parameter types through the given reader, lists split', () => {
    const { body: ssm } = parseTemplate('Parameters:\n  Version: { Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk/version }\n  Zones: { Type: "AWS::SSM::Parameter::Value<List<String>>" }\n');
    const store: Record<string, string> = { '/cdk/version': '21', '/zones': 'a,b' };
    const { values } = resolveParameters(ssm.Parameters as Record<string, unknown>, { Zones: '/zones' }, (name) => store[name]);
    expect(Object.fromEntries(values)).toEqual({ Version: '21', Zones: ['a', 'b'] });
  });
});

import { evaluate } from '../../../local/engine/intrinsics/evaluate';
import { NO_VALUE } from '../../../local/engine/intrinsics/no-value';
import { createStackContext } from '../../../local/engine/stack-context';
import { parseTemplate } from '../../../local/engine/template/load';
import { errorOf, tableResolver } from './support';

const BASE = `
Parameters:
  Env: { Type: String, Default: prod }
  Count: { Type: Number, Default: 3 }
  Names: { Type: CommaDelimitedList, Default: "a,b,c" }
  Sizes: { Type: List<Number>, Default: "1,2" }
  AttrName: { Type: String, Default: Arn }
Mappings:
  Regions:
    us-east-1: { Ami: ami-east, Zone: z1 }
    eu-west-1: { Ami: ami-west }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Three: !Equals [!Ref Count, 3]
  Both: !And [!Condition IsProd, !Condition Three]
  Either: !Or [!Condition IsDev, !Equals [a, b]]
Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Task: { Type: Orch::StepFunctions::Task, Properties: { StateMachineArn: x } }
`;

const resolver = tableResolver({
  refs: { Bucket: 'my-bucket', Task: 'task-id' },
  attributes: { 'Bucket.Arn': 'arn:aws:s3:::my-bucket', 'Task.Outputs.Accuracy': '0.91', 'Task.Output.model.uri': 's3://m/1' },
  exports: { SharedBucket: 'shared-bucket', 'prod-Queue': 'queue-url' },
});

/** Evaluates the YAML expression `expr` as the value of an output of the base template. */
function run(expr: string, options: { region?: string; parameters?: Record<string, string>; extra?: string } = {}): unknown {
  const text = `${BASE}${options.extra ?? ''}\nOutputs:\n  Out:\n    Value: ${expr}\n`;
  const { body } = parseTemplate(text, 't.yaml');
  const { context } = createStackContext(body, {
    identity: { region: options.region ?? 'us-east-1', accountId: '123456789012', stackName: 'research', stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/research/1111' },
    parameters: options.parameters,
    resolver,
  });
  const value = (body.Outputs as Record<string, { Value: unknown }>).Out.Value;
  return evaluate(value, ['Outputs', 'Out', 'Value'], context);
}

describe('Ref', () => {
  it('reads parameters as CloudFormation passes them on: Number as text, list types as lists of text', () => {
    expect(run('!Ref Env')).toBe('prod');
    expect(run('!Ref Count')).toBe('3');
    expect(run('!Ref Names')).toEqual(['a', 'b', 'c']);
    expect(run('!Ref Sizes')).toEqual(['1', '2']);
    expect(run('!Ref Env', { parameters: { Env: 'dev' } })).toBe('dev');
  });

  it("returns a resource's Ref value from the resolver", () => {
    expect(run('!Ref Bucket')).toBe('my-bucket');
    expect(run('{ Ref: Task }')).toBe('task-id');
  });

  it('names the place of a Ref to nothing', () => {
    expect(errorOf(() => run('!Ref Buckett'))).toBe('Outputs.Out.Value: Ref to Buckett: no parameter or resource named Buckett');
    expect(errorOf(() => run('!Ref AWS::Regoin'))).toBe('Outputs.Out.Value: Ref to AWS::Regoin: no such pseudo parameter');
  });
});

describe('pseudo parameters', () => {
  it('gives region, account, stack name and id', () => {
    expect(run('[!Ref AWS::Region, !Ref AWS::AccountId, !Ref AWS::StackName, !Ref AWS::StackId]')).toEqual([
      'us-east-1',
      '123456789012',
      'research',
      'arn:aws:cloudformation:us-east-1:123456789012:stack/research/1111',
    ]);
  });

  it('derives the partition and URL suffix from the region', () => {
    expect(run('[!Ref AWS::Partition, !Ref AWS::URLSuffix]')).toEqual(['aws', 'amazonaws.com']);
    expect(run('[!Ref AWS::Partition, !Ref AWS::URLSuffix]', { region: 'cn-north-1' })).toEqual(['aws-cn', 'amazonaws.com.cn']);
    expect(run('!Ref AWS::Partition', { region: 'us-gov-west-1' })).toBe('aws-us-gov');
  });

  it('makes a stack id in the ARN form when the stack has none yet', () => {
    const { body } = parseTemplate(BASE, 't.yaml');
    const { context } = createStackContext(body, { identity: { region: 'eu-west-1', accountId: '123456789012', stackName: 'fresh' }, resolver });
    expect(evaluate({ Ref: 'AWS::StackId' }, [], context)).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/fresh\/[0-9a-f-]{36}$/);
  });

  it('removes keys and list items that are AWS::NoValue, and returns NO_VALUE for a whole value', () => {
    expect(run('{ Keep: 1, Drop: !Ref AWS::NoValue, List: [a, !Ref AWS::NoValue, b] }')).toEqual({ Keep: 1, List: ['a', 'b'] });
    expect(run('!Ref AWS::NoValue')).toBe(NO_VALUE);
    expect(run('!Ref AWS::NotificationARNs')).toEqual([]);
  });
});

describe('Fn::GetAtt', () => {
  it('splits the short form at the first dot only, so Outputs.<Name> and Output.<path> reach the resolver whole', () => {
    expect(run('!GetAtt Task.Outputs.Accuracy')).toBe('0.91');
    expect(run('!GetAtt Task.Output.model.uri')).toBe('s3://m/1');
    expect(run('{ "Fn::GetAtt": [Bucket, Arn] }')).toBe('arn:aws:s3:::my-bucket');
    expect(run('{ "Fn::GetAtt": "Bucket.Arn" }')).toBe('arn:aws:s3:::my-bucket');
  });

  it('takes the attribute name from a Ref', () => {
    expect(run('!GetAtt [Bucket, !Ref AttrName]')).toBe('arn:aws:s3:::my-bucket');
  });

  it('names the place of a GetAtt to a resource that does not exist', () => {
    expect(errorOf(() => run('!GetAtt Tsak.Outputs.Accuracy'))).toBe('Outputs.Out.Value: Fn::GetAtt Tsak.Outputs.Accuracy: no resource named Tsak');
    expect(errorOf(() => run('!GetAtt [Bucket]'))).toBe('Outputs.Out.Value: Fn::GetAtt takes a list of 2 arguments');
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameters, pseudo parameters, resources and dotted attributes, and keeps ${!Literal}', () => {
    expect(run('!Sub "${Env}-${AWS::Region}-${Bucket}-${Task.Outputs.Accuracy}-${!Literal}-${Count}"')).toBe('prod-us-east-1-my-bucket-0.91-${Literal}-3');
  });

  it('prefers its own variables, which may be intrinsics', () => {
    expect(run('!Sub ["${Env}/${Key}", { Env: staging, Key: !GetAtt Bucket.Arn }]')).toBe('staging/arn:aws:s3:::my-bucket');
  });

  it('refuses a list where text must go, naming the variable', () => {
    expect(errorOf(() => run('!Sub "x-${Names}"'))).toBe('Outputs.Out.Value: Fn::Sub ${Names} is a list, not a string');
    expect(errorOf(() => run('!Sub "x-${Nope}"'))).toBe('Outputs.Out.Value: Fn::Sub ${Nope}: no parameter or resource named Nope');
    expect(errorOf(() => run('!Sub "x-${Env.Arn}"'))).toBe('Outputs.Out.Value: Fn::Sub ${Env.Arn}: Env is not a resource, so it has no attribute Arn');
  });
});

describe('Fn::Join, Fn::Select, Fn::Split', () => {
  it('joins literal lists and list parameters', () => {
    expect(run('!Join ["-", [a, !Ref Env, !Ref Count]]')).toBe('a-prod-3');
    expect(run('!Join [",", !Ref Names]')).toBe('a,b,c');
    expect(errorOf(() => run('!Join [",", !Ref Env]'))).toBe('Outputs.Out.Value.Fn::Join[1]: Fn::Join takes a list to join, not a string');
  });

  it('selects by an index written as a number or as text', () => {
    expect(run('!Select [1, !Ref Names]')).toBe('b');
    expect(run('!Select ["2", [x, y, z]]')).toBe('z');
    expect(errorOf(() => run('!Select [3, !Ref Names]'))).toBe('Outputs.Out.Value.Fn::Select[0]: Fn::Select index 3 is out of range: the list has 3 items');
  });

  it('splits, and Select and Split compose', () => {
    expect(run('!Split ["/", "a/b/c"]')).toEqual(['a', 'b', 'c']);
    expect(run('!Select [1, !Split [":", !GetAtt Bucket.Arn]]')).toBe('aws');
  });
});

describe('Fn::If and the condition functions', () => {
  it('evaluates Equals, Not, And, Or and Condition', () => {
    expect(run('[!If [IsProd, p, d], !If [IsDev, p, d], !If [Three, y, n], !If [Both, y, n], !If [Either, y, n]]')).toEqual(['p', 'd', 'y', 'y', 'n']);
    expect(run('[!If [IsProd, p, d], !If [IsDev, p, d], !If [Both, y, n], !If [Either, y, n]]', { parameters: { Env: 'dev' } })).toEqual(['d', 'p', 'n', 'y']);
  });

  it('evaluates only the chosen branch, and drops a key whose branch is AWS::NoValue', () => {
    expect(run('!If [IsProd, ok, !Ref DoesNotExist]')).toBe('ok');
    expect(run('{ A: !If [IsDev, x, !Ref AWS::NoValue], B: 1 }')).toEqual({ B: 1 });
  });

  it('names an unknown condition where it is used', () => {
    expect(errorOf(() => run('!If [IsProdd, a, b]'))).toBe('Outputs.Out.Value.Fn::If[0]: no condition named IsProdd in Conditions');
  });

  it('refuses a circular condition', () => {
    const extra = '\n  # appended to Conditions below\n';
    const text = BASE.replace('Conditions:\n', 'Conditions:\n  Loop1: !Condition Loop2\n  Loop2: !Not [!Condition Loop1]\n') + extra;
    const { body } = parseTemplate(`${text}Outputs:\n  Out:\n    Value: !If [Loop1, a, b]\n`, 't.yaml');
    const { context } = createStackContext(body, { identity: { region: 'us-east-1', accountId: '1', stackName: 's' }, resolver });
    expect(errorOf(() => evaluate({ 'Fn::If': ['Loop1', 'a', 'b'] }, ['Outputs', 'Out', 'Value'], context))).toBe(
      'Conditions.Loop1: circular condition: Loop1 -> Loop2 -> Loop1',
    );
  });

  it('refuses a condition that references a resource', () => {
    const text = BASE.replace('Conditions:\n', 'Conditions:\n  HasBucket: !Equals [!Ref Bucket, x]\n');
    const { body } = parseTemplate(text, 't.yaml');
    const { conditions } = createStackContext(body, { identity: { region: 'us-east-1', accountId: '1', stackName: 's' }, resolver });
    expect(errorOf(() => conditions.all())).toBe('Conditions.HasBucket.Fn::Equals[0]: a condition cannot reference the resource Bucket');
  });
});

describe('Fn::ImportValue, Fn::FindInMap, Fn::GetAZs, Fn::Base64', () => {
  it("imports another stack's export through the resolver, by a literal or computed name", () => {
    expect(run('!ImportValue SharedBucket')).toBe('shared-bucket');
    expect(run('!ImportValue { "Fn::Sub": "${Env}-Queue" }')).toBe('queue-url');
  });

  it('finds in mappings by computed keys, with DefaultValue for a missing key', () => {
    expect(run('!FindInMap [Regions, !Ref AWS::Region, Ami]')).toBe('ami-east');
    expect(run('!FindInMap [Regions, !Ref AWS::Region, Ami]', { region: 'eu-west-1' })).toBe('ami-west');
    expect(run('!FindInMap [Regions, eu-west-1, Zone, { DefaultValue: z0 }]')).toBe('z0');
    expect(errorOf(() => run('!FindInMap [Regions, eu-west-1, Zone]'))).toBe('Outputs.Out.Value: Fn::FindInMap: mapping Regions has no key eu-west-1.Zone');
    expect(errorOf(() => run('!FindInMap [Regionz, us-east-1, Ami]'))).toBe('Outputs.Out.Value.Fn::FindInMap[0]: Fn::FindInMap: no mapping named Regionz');
  });

  it("lists availability zones of the stack's region or a named one", () => {
    expect(run('!GetAZs ""')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(run('!GetAZs eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(run('!Select [0, !GetAZs { Ref: AWS::Region }]', { region: 'eu-west-1' })).toBe('eu-west-1a');
  });

  it('encodes UTF-8 text in base64', () => {
    expect(run('!Base64 "échelle ${x}"')).toBe(Buffer.from('échelle ${x}').toString('base64'));
    expect(run('!Base64 { "Fn::Sub": "${Env}" }')).toBe(Buffer.from('prod').toString('base64'));
  });
});

describe('the evaluator', () => {
  it('refuses a function it does not implement, naming it', () => {
    expect(errorOf(() => run('!Cidr [10.0.0.0/16, 2, 8]'))).toBe('Outputs.Out.Value: Fn::Cidr is not a function the local engine supports');
  });

  it('leaves its input unchanged', () => {
    const { body } = parseTemplate(`${BASE}Outputs:\n  Out:\n    Value: { A: !Ref Env, B: !Ref AWS::NoValue }\n`, 't.yaml');
    const before = JSON.stringify(body);
    const { context } = createStackContext(body, { identity: { region: 'us-east-1', accountId: '1', stackName: 's' }, resolver });
    expect(evaluate((body.Outputs as Record<string, { Value: unknown }>).Out.Value, [], context)).toEqual({ A: 'prod' });
    expect(JSON.stringify(body)).toBe(before);
  });
});

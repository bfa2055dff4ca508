import { DescribeExecutionCommand, DescribeStateMachineCommand, ListTagsForResourceCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { nativeProvider } from '../../../../local/engine/native';
import { nativeEnvironment, stackName } from '../../../support/native-environment';
import { bucket, putObject } from '../../../support/s3-objects';

const env = nativeEnvironment();
const machine = nativeProvider('AWS::StepFunctions::StateMachine');
const ROLE = 'arn:aws:iam::123456789012:role/sfn';
const describe_ = (arn: string) => env.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));

describe('AWS::StepFunctions::StateMachine', () => {
  test('Definition as a mapping, with DefinitionSubstitutions replaced, is the ASL Step Functions stores', async () => {
    const stack = stackName();
    const properties = {
      RoleArn: ROLE,
      Definition: { StartAt: 'Train', States: { Train: { Type: 'Pass', Result: { bucket: '${DataBucket}', epochs: '${Epochs}' }, End: true } } },
      DefinitionSubstitutions: { DataBucket: 'datasets', Epochs: 3 },
      Tags: [{ Key: 'team', Value: 'ml' }],
    };
    const created = await machine.create({ stackName: stack, logicalId: 'TrainAndEvaluate', properties }, env);
    expect(created.physicalId).toMatch(/^arn:aws:states:us-east-1:123456789012:stateMachine:TrainAndEvaluate-[A-Z0-9]{13}$/);
    expect(created.attributes.Arn).toBe(created.physicalId);
    expect(created.attributes.Name).toBe(created.physicalId.split(':').pop());
    expect(created.attributes.StateMachineRevisionId).toEqual(expect.any(String));
    const described = await describe_(created.physicalId);
    expect(JSON.parse(described.definition!)).toEqual({ StartAt: 'Train', States: { Train: { Type: 'Pass', Result: { bucket: 'datasets', epochs: '3' }, End: true } } });
    expect(described.roleArn).toBe(ROLE);
    expect((await env.clients.sfn.send(new ListTagsForResourceCommand({ resourceArn: created.physicalId }))).tags).toEqual([{ key: 'team', value: 'ml' }]);
    await machine.delete({ stackName: stack, logicalId: 'TrainAndEvaluate', physicalId: created.physicalId, properties }, env);
    await expect(describe_(created.physicalId)).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  test('the state machine runs on the local AWS with the substituted values', async () => {
    const properties = {
      RoleArn: ROLE,
      Definition: {
        StartAt: 'Pick',
        States: {
          Pick: { Type: 'Choice', Choices: [{ Variable: '$.epochs', NumericGreaterThan: 0, Next: 'Train' }], Default: 'Skip' },
          Train: { Type: 'Pass', Result: { model: '${ModelName}' }, ResultPath: '$.result', End: true },
          Skip: { Type: 'Succeed' },
        },
      },
      DefinitionSubstitutions: { ModelName: 'resnet' },
    };
    const { physicalId } = await machine.create({ stackName: stackName(), logicalId: 'Run', properties }, env);
    const { executionArn } = await env.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: physicalId, input: '{"epochs":2}' }));
    let execution = await env.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (execution.status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 50));
      execution = await env.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    expect({ status: execution.status, output: JSON.parse(execution.output!) }).toEqual({ status: 'SUCCEEDED', output: { epochs: 2, result: { model: 'resnet' } } });
    await machine.delete({ stackName: 's', logicalId: 'Run', physicalId, properties }, env);
  });

  test('update in place changes the definition and the role under the same ARN', async () => {
    const stack = stackName();
    const before = { RoleArn: ROLE, StateMachineName: `${stack}-m`, DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' };
    const { physicalId } = await machine.create({ stackName: stack, logicalId: 'M', properties: before }, env);
    const after = { ...before, RoleArn: `${ROLE}2`, DefinitionString: '{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}' };
    const updated = await machine.update({ stackName: stack, logicalId: 'M', physicalId, properties: after, previousProperties: before }, env);
    expect(updated).toMatchObject({ physicalId, attributes: { Arn: physicalId, Name: `${stack}-m` } });
    const described = await describe_(physicalId);
    expect(JSON.parse(described.definition!)).toEqual({ StartAt: 'B', States: { B: { Type: 'Succeed' } } });
    expect(described.roleArn).toBe(`${ROLE}2`);
    await machine.delete({ stackName: stack, logicalId: 'M', physicalId, properties: after }, env);
  });

  test('no definition, two definitions, or a substitution that is not a scalar is refused naming the property', async () => {
    const create = (properties: Record<string, unknown>) => machine.create({ stackName: stackName(), logicalId: 'Bad', properties: { RoleArn: ROLE, ...properties } }, env);
    await expect(create({})).rejects.toThrow('Bad (AWS::StepFunctions::StateMachine): Definition: one of Definition, DefinitionString, DefinitionS3Location is required');
    await expect(create({ Definition: {}, DefinitionString: '{}' })).rejects.toThrow(
      'Bad (AWS::StepFunctions::StateMachine): DefinitionString: set only one of Definition, DefinitionString',
    );
    await expect(create({ DefinitionString: '{}', DefinitionSubstitutions: { X: { a: 1 } } })).rejects.toThrow(
      'Bad (AWS::StepFunctions::StateMachine): DefinitionSubstitutions.X: a substitution is a string, number or boolean',
    );
  });

  test('DefinitionS3Location reads the ASL from the object, substitutions applied', async () => {
    const b = await bucket();
    await putObject(b, 'asl/train.json', { StartAt: 'Train', States: { Train: { Type: 'Pass', Result: '${Model}', End: true } } });
    const properties = { RoleArn: ROLE, DefinitionS3Location: { Bucket: b, Key: 'asl/train.json' }, DefinitionSubstitutions: { Model: 'resnet' } };
    const { physicalId } = await machine.create({ stackName: stackName(), logicalId: 'FromS3', properties }, env);
    expect(JSON.parse((await describe_(physicalId)).definition!)).toEqual({ StartAt: 'Train', States: { Train: { Type: 'Pass', Result: 'resnet', End: true } } });
    await machine.delete({ stackName: 's', logicalId: 'FromS3', physicalId, properties }, env);
    await expect(
      machine.create({ stackName: stackName(), logicalId: 'Missing', properties: { RoleArn: ROLE, DefinitionS3Location: { Bucket: b, Key: 'nope.json' } } }, env),
    ).rejects.toThrow(/^Missing \(AWS::StepFunctions::StateMachine\): DefinitionS3Location: GetObject: NoSuchKey: /);
  });

  test('deleting a state machine already gone succeeds', async () => {
    const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${stackName()}-gone`;
    await expect(machine.delete({ stackName: 's', logicalId: 'Gone', physicalId: arn, properties: {} }, env)).resolves.toBeUndefined();
  });
});

import { exceptions, HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { validateProperties } from '../../runtime/validate';
import schema from '../../resource-types/stepfunctions-task/orch-stepfunctions-task.json';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:train';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:train:run.2026-12-01';

function failureOf(properties: unknown): exceptions.BaseHandlerException {
  try {
    validateProperties(schema, properties);
  } catch (err) {
    return err as exceptions.BaseHandlerException;
  }
  throw new Error(`expected ${JSON.stringify(properties)} to be rejected`);
}

describe('validateProperties with the Orch::StepFunctions::Task schema', () => {
  test.each<[string, Record<string, unknown>]>([
    ['only the required property', { StateMachineArn: ARN }],
    ['an alias ARN and every writable property', { StateMachineArn: `${ARN}:prod`, Input: { a: [1] }, NamePrefix: 'Train_1', OutputPaths: ['a.0'], RunToken: 'r', StopOnDelete: false }],
    ['a string input', { StateMachineArn: ARN, Input: '{"a":1}' }],
    ['an execution to follow instead of a state machine', { FollowExecutionArn: EXECUTION, HandOverAfterSeconds: 1 }],
    ['read-only properties echoed back by CloudFormation', { StateMachineArn: ARN, Id: 'Train-abc', Status: 'SUCCEEDED', Output: { 'a.b': '1' } }],
  ])('accepts %s', (_name, properties) => {
    expect(() => validateProperties(schema, properties)).not.toThrow();
  });

  test.each<[string, unknown, RegExp]>([
    ['an unknown property', { StateMachineArn: ARN, StateMachine: ARN }, /StateMachine: unknown property/],
    ['neither of two alternatives', { Input: {} }, /StateMachineArn or FollowExecutionArn: one is required, none is given/],
    ['no properties at all', undefined, /StateMachineArn or FollowExecutionArn: one is required, none is given/],
    ['both of two alternatives', { StateMachineArn: ARN, FollowExecutionArn: EXECUTION }, /StateMachineArn or FollowExecutionArn: give one, not both/],
    ['a follow limit under its minimum', { StateMachineArn: ARN, HandOverAfterSeconds: 0 }, /HandOverAfterSeconds: must be >= 1/],
    ['a follow limit at the handler timeout', { StateMachineArn: ARN, HandOverAfterSeconds: 129600 }, /HandOverAfterSeconds: must be <= 126000/],
    ['a state machine ARN to follow', { FollowExecutionArn: ARN }, /FollowExecutionArn: 'arn:.*' does not match/],
    ['a pattern mismatch', { StateMachineArn: 'not-an-arn' }, /StateMachineArn: 'not-an-arn' does not match/],
    ['a pattern mismatch in NamePrefix', { StateMachineArn: ARN, NamePrefix: 'has space' }, /NamePrefix: 'has space' does not match/],
    ['a wrong type', { StateMachineArn: ARN, StopOnDelete: 'yes' }, /StopOnDelete: must be boolean/],
    ['a wrong type for Input', { StateMachineArn: ARN, Input: 42 }, /Input: must be object,string/],
    ['a wrong item type', { StateMachineArn: ARN, OutputPaths: ['ok', 7] }, /OutputPaths\.1: must be string/],
    ['a value outside an enum', { StateMachineArn: ARN, Status: 'DONE' }, /Status: must be one of RUNNING, SUCCEEDED/],
    ['an unknown key inside Output', { StateMachineArn: ARN, Output: { ['x'.repeat(513)]: 'v' } }, /Output\.x+: unknown property/],
  ])('rejects %s as InvalidRequest naming the property', (_name, properties, says) => {
    const error = failureOf(properties);
    expect(error.errorCode).toBe(HandlerErrorCode.InvalidRequest);
    expect(error.message).toMatch(says);
    expect(error.toProgressEvent().message).toBe(error.message);
  });

  test('names every property at fault in one message', () => {
    const message = failureOf({ StateMachineArn: 'bad', Extra: 1, StopOnDelete: 'no' }).message;
    expect(message).toContain('Extra: unknown property');
    expect(message).toContain("StateMachineArn: 'bad' does not match");
    expect(message).toContain('StopOnDelete: must be boolean');
  });
});

describe('validateProperties with a top-level oneOf of required lists', () => {
  const schema = { typeName: 'Orch::Test::Alternatives', properties: { A: {}, B: {}, C: {} }, additionalProperties: false, oneOf: [{ required: ['A'] }, { required: ['B', 'C'] }, { required: ['C'] }] };

  test('names every alternative: none given, or more than one', () => {
    expect(() => validateProperties(schema, {})).toThrow('Invalid properties: A or B and C or C: one is required, none is given');
    expect(() => validateProperties(schema, { A: 1, C: 1 })).toThrow('Invalid properties: A or B and C or C: give one, not several');
    expect(() => validateProperties(schema, { B: 1 })).toThrow('one is required, none is given');
  });

  test('one alternative passes', () => {
    expect(() => validateProperties(schema, { A: 1 })).not.toThrow();
    expect(() => validateProperties(schema, { C: 1 })).not.toThrow();
  });
});

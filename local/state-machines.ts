/** State machines on the local AWS, for the tests and the bench alike (neither imports the other). */
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS } from './local-aws';

export const sfn = () => new SFNClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

/** Creates a state machine from an ASL definition on the local AWS and returns its ARN. */
export async function stateMachine(definition: object, name = `sm-${randomUUID().slice(0, 8)}`): Promise<string> {
  const res = await sfn().send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify(definition),
      roleArn: `arn:aws:iam::${LOCAL_AWS.accountId}:role/orch-test`,
    }),
  );
  return res.stateMachineArn!;
}

/** Passes a fixed result (merged with the input under `input`). */
export const passDefinition = (result: object) => ({
  StartAt: 'Produce',
  States: { Produce: { Type: 'Pass', Parameters: { ...result, 'input.$': '$' }, End: true } },
});

/** Waits `seconds`, then passes a result. */
export const waitDefinition = (seconds: number, result: object = { waited: seconds }) => ({
  StartAt: 'Wait',
  States: {
    Wait: { Type: 'Wait', Seconds: seconds, Next: 'Produce' },
    Produce: { Type: 'Pass', Result: result, End: true },
  },
});

export const failDefinition = (error: string, cause: string) => ({
  StartAt: 'Boom',
  States: { Boom: { Type: 'Fail', Error: error, Cause: cause } },
});

/** Fails with error 'Asked' when the input has `fail: true`, otherwise passes the input through. */
export const choiceDefinition = () => ({
  StartAt: 'Decide',
  States: {
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Boom' }], Default: 'Done' },
    Boom: { Type: 'Fail', Error: 'Asked', Cause: 'the input asked to fail' },
    Done: { Type: 'Pass', End: true },
  },
});

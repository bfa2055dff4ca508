/**
 * Orch::Aws::Call in a stack, through the local engine (executor, provisioners, the type's real bundle) on moto: an
 * answer's Outputs flow into another call's Parameters through Fn::GetAtt and into the stack's Outputs, the delete
 * makes the OnDelete call, and without the admin's AllowedActions the create is refused and rolled back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { deleteStack, deployStack } from '../../local/engine/deploy';
import { StackEvent } from '../../local/engine/deploy/stack-events';
import { createProvisioners } from '../../local/engine/provision';
import { TypeCatalog } from '../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../local/local-aws';

const dynamodb = () => new DynamoDBClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });

let table: string;

beforeAll(async () => {
  table = `orch-engine-${randomUUID().slice(0, 8)}`;
  await dynamodb().send(
    new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
  );
});

const itemOf = async (pk: string) => (await dynamodb().send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;

/** A parameter holding JSON; a call reading it; a call writing what it read into the table, and deleting it again on delete. */
function template(pk: string, parameterName: string) {
  return {
    Resources: {
      Settings: { Type: 'AWS::SSM::Parameter', Properties: { Name: parameterName, Type: 'String', Value: '{"model":{"version":"7"}}' } },
      Read: {
        Type: 'Orch::Aws::Call',
        Properties: { OnCreate: { Service: 'ssm', Action: 'GetParameter', Parameters: { Name: { Ref: 'Settings' } }, ParseJson: ['Parameter.Value'], Expose: { Version: 'Parameter.Value.model.version' } } },
      },
      Record: {
        Type: 'Orch::Aws::Call',
        Properties: {
          OnCreate: { Service: 'dynamodb', Action: 'PutItem', Parameters: { TableName: table, Item: { pk: { S: pk }, version: { S: { 'Fn::GetAtt': ['Read', 'Outputs.Version'] } } } } },
          OnDelete: { Service: 'dynamodb', Action: 'DeleteItem', Parameters: { TableName: table, Key: { pk: { S: pk } } } },
        },
      },
    },
    Outputs: { Version: { Value: { 'Fn::GetAtt': ['Read', 'Outputs.Version'] } } },
  };
}

async function engine(typeConfiguration: Record<string, Record<string, unknown>>) {
  const stateDir = mkdtempSync(join(tmpdir(), 'orch-aws-call-engine-'));
  const catalog = TypeCatalog.load();
  const prov = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId, typeConfiguration });
  const events: StackEvent[] = [];
  const options = { stateDir, catalog, provisioners: prov.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId, onEvent: (e: StackEvent) => events.push(e) };
  const deploy = (stackName: string, body: object) => {
    const templateFile = join(stateDir, `${stackName}.json`);
    writeFileSync(templateFile, JSON.stringify(body));
    return deployStack({ ...options, stackName, templateFile });
  };
  return {
    events,
    deploy,
    delete: (stackName: string) => deleteStack({ ...options, stackName }),
    close: async () => {
      await prov.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

test('an answer flows through Fn::GetAtt into the next call and the stack Outputs; the delete makes the OnDelete call', async () => {
  const e = await engine({ 'Orch::Aws::Call': { AllowedActions: ['ssm:GetParameter', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] } });
  try {
    const pk = `stack-${randomUUID()}`;
    const stack = `aws-call-${randomUUID().slice(0, 6)}`;
    const created = await e.deploy(stack, template(pk, `/orch-engine/${pk}`));
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(created.outputs).toEqual({ Version: expect.objectContaining({ value: '7' }) });
    expect(await itemOf(pk)).toEqual({ pk: { S: pk }, version: { S: '7' } });

    expect((await e.delete(stack)).status).toBe('DELETE_COMPLETE');
    expect(await itemOf(pk)).toBeUndefined();
  } finally {
    await e.close();
  }
});

test("without the admin's AllowedActions the first call is AccessDenied naming it, the stack rolls back, and nothing is written", async () => {
  const e = await engine({});
  try {
    const pk = `denied-${randomUUID()}`;
    const stack = `aws-call-${randomUUID().slice(0, 6)}`;
    const result = await e.deploy(stack, template(pk, `/orch-engine/${pk}`));
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.statusReason).toContain("OnCreate: the action ssm:GetParameter is not allowed by the Orch::Aws::Call type configuration's AllowedActions");
    expect(result.statusReason).toContain('AccessDenied');
    expect(e.events.filter((ev) => ev.logicalId === 'Record')).toEqual([]);
    expect(await itemOf(pk)).toBeUndefined();
  } finally {
    await e.close();
  }
});

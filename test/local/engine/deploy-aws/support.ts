import { GetParameterCommand, GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineOptions } from '../../../../local/engine/deploy';
import type { StackEvent } from '../../../../local/engine/deploy/stack-events';
import { createProvisioners, Provisioners } from '../../../../local/engine/provision';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { nativeEnvironment } from '../../../support/native-environment';

export const TEMPLATES = join(__dirname, 'templates');
export const clients = nativeEnvironment().clients;

/** The engine as `orch deploy` composes it, on the jest moto, with its own state directory and every event kept. */
export interface AwsEngine {
  readonly options: EngineOptions;
  readonly events: StackEvent[];
  readonly stateDir: string;
  close(): Promise<void>;
}

export async function awsEngine(overrides: Partial<EngineOptions> = {}): Promise<AwsEngine> {
  const stateDir = mkdtempSync(join(tmpdir(), 'orch-deploy-aws-'));
  const catalog = TypeCatalog.load();
  const prov: Provisioners = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId });
  const events: StackEvent[] = [];
  return {
    stateDir,
    events,
    options: { stateDir, catalog, provisioners: prov.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId, onEvent: (e) => events.push(e), ...overrides },
    close: async () => {
      await prov.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export const uniqueStack = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`;

/** The resources' statuses in event order, as `logicalId status` lines (the stack's own events left out). */
export const resourceStatuses = (events: readonly StackEvent[], stackName: string) =>
  events.filter((e) => e.logicalId !== stackName).map((e) => `${e.logicalId} ${e.status}`);

/** Whether an Orch task's record (runtime/task-store.ts: `/Orch/Task/<service>/<kind>/<id>`) is still in SSM. */
export async function taskRecordExists(typeName: string, id: string): Promise<boolean> {
  const [, service, kind] = typeName.split('::');
  try {
    await clients.ssm.send(new GetParameterCommand({ Name: `/Orch/Task/${service}/${kind}/${id}` }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ParameterNotFound') return false;
    throw err;
  }
}

/**
 * The task records of a type whose text holds `text` (a state machine ARN unique to one test). Records this small are
 * kept as plain JSON; only a large one is packed, which these tests never write.
 */
export async function taskRecordsMentioning(typeName: string, text: string): Promise<string[]> {
  const [, service, kind] = typeName.split('::');
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.ssm.send(new GetParametersByPathCommand({ Path: `/Orch/Task/${service}/${kind}`, NextToken }));
    for (const p of page.Parameters ?? []) if (p.Value?.includes(text)) names.push(p.Name!);
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateRequest, ProgressNote, ProvisionTarget, StartedResource } from '../../../../local/engine/deploy/provisioner';
import { LOCAL_AWS } from '../../../../local/local-aws';

export const ROLE = 'arn:aws:iam::123456789012:role/sfn';

export const tempStateDir = () => mkdtempSync(join(tmpdir(), 'orch-prov-'));

/** A resource of a stack no other test uses. */
export function target(logicalId: string, type: string): ProvisionTarget {
  const stackName = `prov-${randomUUID().slice(0, 8)}`;
  return { stackName, stackId: `arn:aws:cloudformation:${LOCAL_AWS.region}:${LOCAL_AWS.accountId}:stack/${stackName}/${randomUUID()}`, logicalId, type };
}

export const createRequest = (logicalId: string, type: string, properties: Record<string, unknown>): CreateRequest => ({ ...target(logicalId, type), properties });

/** Collects a provisioner's progress notes, and what each said the create had started. */
export function notes(): { list: string[]; started: Array<StartedResource | undefined>; note: ProgressNote } {
  const list: string[] = [];
  const started: Array<StartedResource | undefined> = [];
  return {
    list,
    started,
    note: (reason, resource) => {
      list.push(reason);
      started.push(resource);
    },
  };
}

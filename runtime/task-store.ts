import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { TASK_PARAMETER_ROOT } from './contract';
import { mapAwsError } from './error-map';
import { invalidRequest } from './errors';

/**
 * What a resource keeps between invocations and after its work is gone: the model that read returns,
 * plus the type's own bookkeeping. Never a secret.
 */
export interface TaskRecord<Model, State> {
  readonly id: string;
  readonly model: Model;
  readonly state: State;
}

/** A standard-tier parameter holds 4 KB; larger records are gzipped and split over numbered parts. */
const PARAMETER_LIMIT = 4096;
const MAX_PARTS = 64;
const PACKED = 'gz:';

/** `Orch::StepFunctions::Task` → `/Orch/Task/StepFunctions/Task`. */
export function recordRoot(typeName: string): string {
  const [, service, kind] = typeName.split('::');
  return `${TASK_PARAMETER_ROOT}/${service}/${kind}`;
}

/**
 * Task records in SSM Parameter Store, one parameter per resource at `<root>/<id>`, with overflow parts at
 * `<root>/<id>/<n>`. The head is written last, so a reader never sees a head whose parts are missing.
 */
export class TaskStore<Model, State> {
  readonly root: string;

  constructor(private readonly ssm: SSMClient, private readonly typeName: string) {
    this.root = recordRoot(typeName);
  }

  private name(id: string): string {
    return `${this.root}/${id}`;
  }

  async get(id: string): Promise<TaskRecord<Model, State> | undefined> {
    let head: string | undefined;
    try {
      const res = await this.ssm.send(new GetParameterCommand({ Name: this.name(id) }));
      head = res.Parameter?.Value;
    } catch (err) {
      if ((err as Error).name === 'ParameterNotFound') return undefined;
      throw mapAwsError(err, { resource: `task record '${this.name(id)}'` });
    }
    return head === undefined ? undefined : this.decode(id, head);
  }

  async put(record: TaskRecord<Model, State>): Promise<void> {
    const json = JSON.stringify(record);
    const parts = json.length <= PARAMETER_LIMIT ? [json] : this.pack(record.id, json);
    try {
      for (let i = parts.length - 1; i >= 0; i--) {
        const name = i === 0 ? this.name(record.id) : `${this.name(record.id)}/${i}`;
        await this.ssm.send(new PutParameterCommand({ Name: name, Value: parts[i], Type: 'String', Overwrite: true }));
      }
    } catch (err) {
      throw mapAwsError(err, { resource: `task record '${this.name(record.id)}'` });
    }
  }

  /** Deletes the record and every part it may have had; deleting what is absent is not an error. */
  async delete(id: string): Promise<void> {
    const names = [this.name(id), ...Array.from({ length: MAX_PARTS - 1 }, (_, i) => `${this.name(id)}/${i + 1}`)];
    try {
      for (let i = 0; i < names.length; i += 10) {
        await this.ssm.send(new DeleteParametersCommand({ Names: names.slice(i, i + 10) }));
      }
    } catch (err) {
      throw mapAwsError(err, { resource: `task record '${this.name(id)}'` });
    }
  }

  /** Every record of this type, oldest page first; stops early (returning a token) when `deadline` passes. */
  async list(nextToken?: string, deadline = Number.POSITIVE_INFINITY): Promise<{ records: TaskRecord<Model, State>[]; nextToken?: string }> {
    const records: TaskRecord<Model, State>[] = [];
    let token = nextToken;
    try {
      do {
        const page = await this.ssm.send(new GetParametersByPathCommand({ Path: this.root, Recursive: false, NextToken: token }));
        for (const p of page.Parameters ?? []) {
          const id = p.Name!.slice(this.root.length + 1);
          records.push(await this.decode(id, p.Value!));
        }
        token = page.NextToken;
      } while (token && Date.now() < deadline);
    } catch (err) {
      throw mapAwsError(err, { resource: `task records under '${this.root}'` });
    }
    return { records, nextToken: token };
  }

  private pack(id: string, json: string): string[] {
    const packed = gzipSync(Buffer.from(json)).toString('base64');
    const size = PARAMETER_LIMIT - 16;
    const count = Math.ceil(packed.length / size);
    if (count > MAX_PARTS) {
      throw invalidRequest(
        `${this.typeName} '${id}': the record to keep is ${Math.round(json.length / 1024)} KB, too large to store; keep fewer outputs with OutputPaths`,
      );
    }
    const chunks = Array.from({ length: count }, (_, i) => packed.slice(i * size, (i + 1) * size));
    return [`${PACKED}${count}:${chunks[0]}`, ...chunks.slice(1)];
  }

  private async decode(id: string, head: string): Promise<TaskRecord<Model, State>> {
    if (!head.startsWith(PACKED)) return JSON.parse(head);
    const [, countText, first] = head.match(/^gz:(\d+):(.*)$/s) ?? [];
    const count = Number(countText);
    const names = Array.from({ length: count - 1 }, (_, i) => `${this.name(id)}/${i + 1}`);
    const values = new Map<string, string>();
    for (let i = 0; i < names.length; i += 10) {
      const res = await this.ssm.send(new GetParametersCommand({ Names: names.slice(i, i + 10) }));
      for (const p of res.Parameters ?? []) values.set(p.Name!, p.Value!);
    }
    const packed = first + names.map((n) => values.get(n) ?? '').join('');
    return JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8'));
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployOptions, EngineOptions, StackEvent } from '../../../../local/engine/deploy';
import { FakeCloud, fakeCatalog } from './fake-cloud';

/** A state directory, a fake cloud, and the engine options over them, for one test. */
export class EngineFixture {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'orch-exec-'));
  readonly events: StackEvent[] = [];
  readonly catalog = fakeCatalog();
  private templates = 0;

  constructor(readonly cloud = new FakeCloud()) {}

  options(extra: Partial<EngineOptions> = {}): EngineOptions {
    return {
      stateDir: this.stateDir,
      catalog: this.catalog,
      provisioners: this.cloud.provisioners,
      region: 'eu-west-1',
      accountId: '123456789012',
      onEvent: (event) => this.events.push(event),
      ...extra,
    };
  }

  /** Deploy options for `body` (YAML), written to `<stack>-<n>.yaml`, n counting the fixture's templates from 1. */
  deploy(stackName: string, body: string, extra: Partial<DeployOptions> = {}): DeployOptions {
    const templateFile = join(this.stateDir, `${stackName}-${++this.templates}.yaml`);
    writeFileSync(templateFile, body);
    return { ...this.options(), stackName, templateFile, ...extra };
  }

  /** `logicalId status` of the events so far (or since `from`), the stream's shape without timestamps. */
  statuses(from = 0, stackName?: string): string[] {
    return this.events
      .slice(from)
      .filter((e) => stackName === undefined || e.stackName === stackName)
      .map((e) => `${e.logicalId} ${e.status}`);
  }

  remove(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

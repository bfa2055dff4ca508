import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StackEvent } from '../deploy/stack-events';
import type { StackRecord } from './stack-record';

/** `ORCH_STATE_DIR`, or `.orch` in the working directory. */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const configured = env.ORCH_STATE_DIR;
  return configured ? resolve(cwd, configured) : join(cwd, '.orch');
}

/** `<state>/stacks/<name>`: the record, the event history and the deploy lock of one stack. */
export function stackDirectory(stateDir: string, name: string): string {
  return join(stateDir, 'stacks', name);
}

function recordFile(stateDir: string, name: string): string {
  return join(stackDirectory(stateDir, name), 'stack.json');
}

function eventsFile(stateDir: string, name: string): string {
  return join(stackDirectory(stateDir, name), 'events.jsonl');
}

export function readStack(stateDir: string, name: string): StackRecord | undefined {
  const file = recordFile(stateDir, name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as StackRecord;
}

/** Every stack with a record, by name. */
export function listStacks(stateDir: string): StackRecord[] {
  const root = join(stateDir, 'stacks');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readStack(stateDir, entry.name))
    .filter((record): record is StackRecord => record !== undefined)
    .sort((a, b) => a.stackName.localeCompare(b.stackName));
}

/**
 * The stack's event history, oldest first, across its lifetimes (a stack deleted and created again keeps one
 * history; each event's stackId tells the lifetimes apart). A line cut short by a crash is skipped.
 */
export function readEvents(stateDir: string, name: string): StackEvent[] {
  const file = eventsFile(stateDir, name);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as StackEvent];
      } catch {
        return [];
      }
    });
}

/** Written whole to a temporary file and renamed over the old one, so a reader or a crash sees one complete record. */
export function writeStack(stateDir: string, record: StackRecord): void {
  const dir = stackDirectory(stateDir, record.stackName);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.stack.json.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, recordFile(stateDir, record.stackName));
}

/** A deleted stack has no record; its event history stays for `orch events`. */
export function removeStack(stateDir: string, name: string): void {
  rmSync(recordFile(stateDir, name), { force: true });
}

export function appendEvent(stateDir: string, event: StackEvent): void {
  mkdirSync(stackDirectory(stateDir, event.stackName), { recursive: true });
  appendFileSync(eventsFile(stateDir, event.stackName), `${JSON.stringify(event)}\n`);
}

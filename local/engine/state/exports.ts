import { listStacks } from './stack-store';

export interface StackExport {
  readonly name: string;
  readonly value: unknown;
  readonly stackName: string;
}

/** Exports of every stack in the state directory but `exceptStack`, by export name (Fn::ImportValue's table). */
export function exportTable(stateDir: string, exceptStack?: string): Map<string, StackExport> {
  const table = new Map<string, StackExport>();
  for (const record of listStacks(stateDir)) {
    if (record.stackName === exceptStack) continue;
    for (const output of Object.values(record.outputs)) {
      if (output.exportName !== undefined) table.set(output.exportName, { name: output.exportName, value: output.value, stackName: record.stackName });
    }
  }
  return table;
}

/** Which other stacks import each of `exportNames`: the reason a delete or an update of the exporter is refused. */
export function importersOf(stateDir: string, exportNames: Iterable<string>, exceptStack: string): Map<string, string[]> {
  const wanted = new Set(exportNames);
  const found = new Map<string, string[]>();
  for (const record of listStacks(stateDir)) {
    if (record.stackName === exceptStack) continue;
    for (const name of record.imports) {
      if (wanted.has(name)) found.set(name, [...(found.get(name) ?? []), record.stackName]);
    }
  }
  return found;
}

import type { DeployedOutput } from '../engine/state/stack-record';
import { plainTable } from './plain-table';

/** A value as a shell user reads it: strings bare, anything else (a list, an object from GetAtt) as JSON. */
export function displayValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `Output  Value  Export` rows, as the CloudFormation console's Outputs tab shows them. */
export function outputsTable(outputs: Readonly<Record<string, DeployedOutput>>): string {
  const rows = Object.entries(outputs).map(([name, o]) => [name, displayValue(o.value), o.exportName ?? '']);
  return plainTable(['Output', 'Value', 'Export'], rows);
}

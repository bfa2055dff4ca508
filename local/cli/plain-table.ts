import Table from 'cli-table3';

const NO_LINES = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'].map(
    (name) => [name, ''],
  ),
);

/** Options for a cli-table3 table without borders: columns two spaces apart, like CloudFormation's text output. */
export const BORDERLESS = {
  chars: { ...NO_LINES, middle: '  ' },
  style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [] },
} satisfies Table.TableConstructorOptions;

/** The table's lines without the padding cli-table3 leaves at their ends. */
export function tableLines(table: Table.Table): string[] {
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd());
}

/** Rows as an aligned table under a header (what `orch outputs` and `orch list` print), ending in a newline. */
export function plainTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({ ...BORDERLESS, head: [...head] });
  for (const row of rows) table.push([...row]);
  return `${tableLines(table).join('\n')}\n`;
}

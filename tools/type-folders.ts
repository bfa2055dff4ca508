import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../local/python-env';

/** One cfn CLI project folder under resource-types/. */
export interface TypeFolder {
  readonly dir: string;
  readonly schemaFile: string;
  readonly schema: Record<string, any>;
}

export function typeFolders(): TypeFolder[] {
  const root = join(REPO_ROOT, 'resource-types');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(root, d.name);
      const schemaFile = readdirSync(dir).find((f) => /^orch-.*\.json$/.test(f));
      if (!schemaFile) throw new Error(`${dir} holds no orch-*.json schema`);
      return { dir, schemaFile, schema: JSON.parse(readFileSync(join(dir, schemaFile), 'utf8')) };
    });
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TYPE_CONFIGURATION_FILE = 'type-configuration.json';

export type TypeConfigurations = Readonly<Record<string, Record<string, unknown>>>;

/**
 * What an admin would have set with SetTypeConfiguration, per type (`orch up` writes it: the git type's allowed
 * repository URLs); none when the file is absent.
 */
export function readTypeConfiguration(stateDir: string): TypeConfigurations {
  const file = join(stateDir, TYPE_CONFIGURATION_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not JSON (${(err as Error).message}): fix or delete it, or run \`orch up\` again`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} must hold an object of type names to configurations`);
  return parsed as TypeConfigurations;
}

/**
 * Fills constructs/packages/ with every type's submission package (`cfn submit --dry-run`, tools/submission-package.ts),
 * which the CDK library's OrchestrationTypes uploads as assets. Run it before packing the library (npm or the
 * Python wheel, which carries the npm tarball): `package.json` `files` takes `packages/*.zip` in.
 *
 *   npm run package:types
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../local/python-env';
import { submitDryRun } from './submission-package';
import { typeFolders } from './type-folders';

export const CONSTRUCTS_PACKAGES = join(REPO_ROOT, 'constructs', 'packages');

/** Builds each type's package and copies it into `into`, which then holds those packages only; returns their paths. */
export function fillPackages(into: string = CONSTRUCTS_PACKAGES, log: (line: string) => void = console.log): string[] {
  mkdirSync(into, { recursive: true });
  for (const stale of readdirSync(into).filter((f) => f.endsWith('.zip'))) rmSync(join(into, stale));
  return typeFolders().map((type) => {
    const { zip } = submitDryRun(type.dir);
    const target = join(into, basename(zip));
    copyFileSync(zip, target);
    log(`${type.schema.typeName}: ${target}`);
    return target;
  });
}

if (require.main === module) fillPackages();

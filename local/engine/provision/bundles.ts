/**
 * Each Orch type's handlers as they ship (tools/bundle.ts), built once into `<stateDir>/bundles` and rebuilt only when
 * something that goes into the bundle changed. Builds are content-addressed (`<folder>-<hash>`), so a process that
 * loaded one build never sees its lazily required files replaced by another process's build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { bundleType, HANDLER_FILE } from '../../../tools/bundle';
import { REPO_ROOT } from '../../python-env';

/** What every bundle is made of besides its own type folder: the shared runtime, the bundler and the locked packages. */
const SHARED_INPUTS = ['runtime', 'tools/bundle.ts', 'tools/lazy-modules.ts', 'tools/lambda-runtimes.ts', 'tools/shims', 'package-lock.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

/**
 * A digest of the bundle's inputs: the type folder's handlers (`src/`), schema and `.rpdk-config` (its Lambda
 * runtime sets the build target), and the shared inputs. Paths are part of it, so a moved file counts as a change.
 */
export function sourceHash(typeDir: string, schemaFile: string, root = REPO_ROOT): string {
  const files = [join(typeDir, 'src'), join(typeDir, schemaFile), join(typeDir, '.rpdk-config'), ...SHARED_INPUTS.map((p) => join(root, p))]
    .flatMap(filesUnder)
    .map((file) => relative(root, file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export interface Bundle {
  /** The built `dist/handlers.js`. */
  readonly file: string;
  /** False when an earlier build with the same inputs was reused. */
  readonly built: boolean;
}

/**
 * The bundle of the type in `typeDir`, built into `bundlesDir` unless a build of the same inputs is there. It is built
 * in a folder of its own and renamed into place, so a concurrent deploy either sees a whole build or none; builds of
 * the same type with other inputs are removed.
 */
export async function ensureBundle(bundlesDir: string, typeDir: string, schemaFile: string): Promise<Bundle> {
  const name = basename(typeDir);
  const target = join(bundlesDir, `${name}-${sourceHash(typeDir, schemaFile)}`);
  const file = join(target, HANDLER_FILE);
  if (existsSync(file)) return { file, built: false };
  mkdirSync(bundlesDir, { recursive: true });
  const scratch = join(bundlesDir, `.${basename(target)}.${process.pid}.${Date.now()}`);
  try {
    await bundleType(typeDir, scratch);
    try {
      renameSync(scratch, target);
    } catch (err) {
      // Another process renamed the same build into place first: its build is this one.
      if (!existsSync(file)) throw err;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(`${scratch}.meta.json`, { force: true });
  }
  for (const entry of readdirSync(bundlesDir)) {
    if (new RegExp(`^${name}-[0-9a-f]{16}$`).test(entry) && entry !== basename(target)) rmSync(join(bundlesDir, entry), { recursive: true, force: true });
  }
  return { file, built: true };
}

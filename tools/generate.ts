/**
 * Writes every file that is derived from a type's schema: `src/models.ts` (TypeScript interfaces, through
 * json-schema-to-typescript), the reference docs (through `cfn generate`), the scoped execution-role template
 * `resource-role.yaml` (tools/role-template.ts, in place of the one `cfn generate` writes, which grants every action
 * on "*"), the type's `.rpdk-config` (the shared settings in the top-level `.rpdk-config` plus the type name), and the
 * type's CDK L1 class `constructs/lib/<type-folder>.generated.ts` (tools/cdk-l1.ts); and, for all types, the registration
 * data of the CDK library, `constructs/lib/registration/type-permissions.generated.ts` (tools/type-permissions.ts).
 *
 *   npm run generate            regenerate in place
 *   npm run generate -- --check exit 1 and name the stale files when anything differs
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { ensurePythonTools, REPO_ROOT, venvBin } from '../local/python-env';
import { l1ClassTs, l1FileName } from './cdk-l1';
import { roleTemplateObject } from './role-template';
import { TypeFolder, typeFolders } from './type-folders';
import { TYPE_PERMISSIONS_FILE, typePermissionsTs } from './type-permissions';

async function modelsTs(type: TypeFolder): Promise<string> {
  const { typeName, description, properties, definitions, required, readOnlyProperties = [], writeOnlyProperties = [], primaryIdentifier = [] } = type.schema;
  const propertiesTs = await compile(
    { title: 'ResourceProperties', description, type: 'object', properties, definitions, required, additionalProperties: false },
    'ResourceProperties',
    { bannerComment: '', additionalProperties: false, strictIndexSignatures: true, format: true, style: { singleQuote: true, printWidth: 120 } },
  );
  // The type configuration the account admin sets (SetTypeConfiguration), which every request carries.
  const configurationTs = type.schema.typeConfiguration
    ? await compile({ title: 'TypeConfiguration', type: 'object', ...type.schema.typeConfiguration }, 'TypeConfiguration', {
        bannerComment: '',
        additionalProperties: false,
        strictIndexSignatures: true,
        format: true,
        style: { singleQuote: true, printWidth: 120 },
      })
    : undefined;
  const names = (pointers: string[]) => JSON.stringify(pointers.map((p) => p.replace('/properties/', '')));
  return [
    `// Generated from ${type.schemaFile} by \`npm run generate\`. Do not edit: change the schema and regenerate.`,
    '',
    `export const TYPE_NAME = ${JSON.stringify(typeName)};`,
    `export const PRIMARY_IDENTIFIER = ${names(primaryIdentifier)} as const;`,
    `export const READ_ONLY_PROPERTIES = ${names(readOnlyProperties)} as const;`,
    `export const WRITE_ONLY_PROPERTIES = ${names(writeOnlyProperties)} as const;`,
    '',
    propertiesTs.trim(),
    '',
    ...(configurationTs ? [configurationTs.trim(), ''] : []),
  ].join('\n');
}

function rpdkConfig(type: TypeFolder): string {
  const shared = JSON.parse(readFileSync(join(REPO_ROOT, '.rpdk-config'), 'utf8'));
  const { artifact_type, ...rest } = shared;
  return `${JSON.stringify({ artifact_type, typeName: type.schema.typeName, ...rest }, null, 4)}\n`;
}

/** The docs, as `cfn generate` writes them, from a scratch copy of the type folder. */
function cfnGenerated(type: TypeFolder): Map<string, string> {
  const scratch = mkdtempSync(join(tmpdir(), 'orch-generate-'));
  try {
    writeFileSync(join(scratch, '.rpdk-config'), rpdkConfig(type));
    cpSync(join(type.dir, type.schemaFile), join(scratch, type.schemaFile));
    mkdirSync(join(scratch, 'src')); // the plugin writes its own models.ts there, which we discard
    execFileSync(venvBin('cfn'), ['generate'], { cwd: scratch, stdio: 'pipe' });
    const files = new Map<string, string>();
    const collect = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) collect(path);
        else files.set(relative(scratch, path), readFileSync(path, 'utf8'));
      }
    };
    collect(join(scratch, 'docs'));
    return files;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The scoped execution-role template, as YAML in the long form of the intrinsic functions (cfn-flip). */
function roleTemplateYaml(type: TypeFolder): string {
  const yaml = execFileSync(venvBin('cfn-flip'), ['-y', '-l'], { input: JSON.stringify(roleTemplateObject(type.schema)), encoding: 'utf8' });
  return `# Generated from ${type.schemaFile} and tools/role-scopes.ts by \`npm run generate\`. Do not edit.\n${yaml.trimEnd()}\n`;
}

const CONSTRUCTS_LIB = join(REPO_ROOT, 'constructs', 'lib');

/** Every generated file of every type, by absolute path. */
export async function generatedFiles(): Promise<Map<string, string>> {
  ensurePythonTools();
  const out = new Map<string, string>();
  for (const type of typeFolders()) {
    out.set(join(type.dir, '.rpdk-config'), rpdkConfig(type));
    out.set(join(type.dir, 'src', 'models.ts'), await modelsTs(type));
    for (const [file, text] of cfnGenerated(type)) out.set(join(type.dir, file), text);
    out.set(join(type.dir, 'resource-role.yaml'), roleTemplateYaml(type));
    out.set(join(CONSTRUCTS_LIB, l1FileName(type)), l1ClassTs(type));
  }
  out.set(join(CONSTRUCTS_LIB, TYPE_PERMISSIONS_FILE), typePermissionsTs(typeFolders()));
  return out;
}

/** Folders whose every file is generated: a file there that the generators no longer write is stale too. */
function ownedFolders(): string[] {
  return typeFolders().map((type) => join(type.dir, 'docs'));
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Generated files among hand-written ones (constructs/lib holds the L2s too): stale when no generator writes them. */
function ownedFiles(): string[] {
  return filesBelow(CONSTRUCTS_LIB).filter((path) => path.endsWith('.generated.ts'));
}

export function staleFiles(files: Map<string, string>): string[] {
  const differing = [...files].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => path);
  const leftover = [...ownedFolders().flatMap(filesBelow), ...ownedFiles()].filter((path) => !files.has(path));
  return [...differing, ...leftover].map((path) => relative(REPO_ROOT, path));
}

async function main() {
  const files = await generatedFiles();
  if (process.argv.includes('--check')) {
    const stale = staleFiles(files);
    if (stale.length) {
      console.error(`Stale generated files (run npm run generate):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`${files.size} generated files are up to date`);
    return;
  }
  for (const dir of ownedFolders()) rmSync(dir, { recursive: true, force: true });
  for (const path of ownedFiles()) rmSync(path);
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`wrote ${files.size} files`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

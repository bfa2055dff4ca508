/**
 * The package `cfn submit` uploads, built without SAM: `cfn submit --dry-run` in a type folder runs the type's
 * `buildCommand` (tools/bundle.ts) and writes `<hyphenated type name>.zip` holding `.rpdk-config`, `schema.json`,
 * `inputs/` and `ResourceProvider.zip`. Used by the register tool, the bench and the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePythonTools, venvBin } from '../local/python-env';

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
}

/** `Orch::StepFunctions::Task` -> `orch-stepfunctions-task`, the name cfn gives the package. */
export const hyphenated = (typeName: string) => typeName.toLowerCase().replace(/::/g, '-');

/** Runs `cfn submit --dry-run` in `typeDir` and returns the package it wrote. */
export function submitDryRun(typeDir: string): { zip: string; output: string } {
  ensurePythonTools();
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // the build command runs tsx itself
  const res = spawnSync(venvBin('cfn'), ['submit', '--dry-run'], { cwd: typeDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`cfn submit --dry-run in ${typeDir} exited ${res.status}:\n${output.slice(-4000)}`);
  const named = /Dry run complete: (.+\.zip)/.exec(output)?.[1]?.trim();
  const config = JSON.parse(readFileSync(join(typeDir, '.rpdk-config'), 'utf8'));
  const zip = named ?? join(typeDir, `${hyphenated(config.typeName)}.zip`);
  if (!existsSync(zip)) throw new Error(`cfn submit --dry-run in ${typeDir} wrote no ${zip}:\n${output.slice(-4000)}`);
  return { zip, output };
}

const PY_LIST = 'import json,sys,zipfile\nprint(json.dumps([[i.filename,i.file_size,i.compress_size] for i in zipfile.ZipFile(sys.argv[1]).infolist()]))';

/** The entries of a zip file, read with the project's Python. */
export function zipEntries(zip: string): ZipEntry[] {
  const out = spawnSync(venvBin('python'), ['-c', PY_LIST, zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`cannot list ${zip}: ${out.stderr}`);
  return (JSON.parse(out.stdout) as [string, number, number][]).map(([name, size, compressedSize]) => ({ name, size, compressedSize }));
}

/** Extracts `zip` into `dir` with `python -m zipfile -e`. */
export function unzip(zip: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const out = spawnSync(venvBin('python'), ['-m', 'zipfile', '-e', zip, dir], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`cannot extract ${zip}: ${out.stderr}`);
}

/** Unpacks a submission package and the ResourceProvider.zip inside it; returns both folders. */
export function unpackPackage(zip: string, into: string): { outerDir: string; providerDir: string } {
  const outerDir = join(into, 'package');
  const providerDir = join(into, 'provider');
  unzip(zip, outerDir);
  const inner = join(outerDir, 'ResourceProvider.zip');
  if (!existsSync(inner)) throw new Error(`${zip} holds no ResourceProvider.zip`);
  unzip(inner, providerDir);
  return { outerDir, providerDir };
}


import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBundle, sourceHash } from '../../../../local/engine/provision';
import { typeFolders } from '../../../../tools/type-folders';

const write = (file: string, text: string) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
};

describe('bundles in the state directory', () => {
  test('the source hash changes with the handlers, the schema, the runtime and the locked packages, not with docs', () => {
    const root = mkdtempSync(join(tmpdir(), 'orch-hash-'));
    try {
      const typeDir = join(root, 'resource-types', 'demo-task');
      write(join(typeDir, 'src', 'handlers.ts'), 'export {}');
      write(join(typeDir, 'orch-demo-task.json'), '{}');
      write(join(typeDir, 'docs', 'README.md'), 'docs');
      write(join(root, 'runtime', 'index.ts'), 'export {}');
      write(join(root, 'package-lock.json'), '{}');
      const hash = () => sourceHash(typeDir, 'orch-demo-task.json', root);
      const first = hash();
      expect(first).toMatch(/^[0-9a-f]{16}$/);
      write(join(typeDir, 'docs', 'README.md'), 'other docs');
      expect(hash()).toBe(first);
      const seen = new Set([first]);
      for (const [file, text] of [
        [join(typeDir, 'src', 'handlers.ts'), 'export const a = 1'],
        [join(typeDir, 'src', 'added.ts'), 'export {}'],
        [join(typeDir, 'orch-demo-task.json'), '{"a":1}'],
        [join(root, 'runtime', 'index.ts'), 'export const b = 1'],
        [join(root, 'package-lock.json'), '{"b":1}'],
      ]) {
        write(file, text);
        const next = hash();
        expect(seen.has(next)).toBe(false);
        seen.add(next);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("a type's bundle is built once, reused while its inputs are the same, and replaces a build of other inputs", async () => {
    const bundles = mkdtempSync(join(tmpdir(), 'orch-bundles-'));
    try {
      const folder = typeFolders().find((f) => f.schema.typeName === 'Orch::S3::FileReader')!;
      const stale = join(bundles, 's3-file-reader-0123456789abcdef');
      write(join(stale, 'dist', 'handlers.js'), '');
      const first = await ensureBundle(bundles, folder.dir, folder.schemaFile);
      expect(first).toEqual({ file: join(bundles, `s3-file-reader-${sourceHash(folder.dir, folder.schemaFile)}`, 'dist', 'handlers.js'), built: true });
      expect(typeof require(first.file).entrypoint).toBe('function');
      const builtAt = statSync(first.file).mtimeMs;
      const second = await ensureBundle(bundles, folder.dir, folder.schemaFile);
      expect(second).toEqual({ file: first.file, built: false });
      expect(statSync(second.file).mtimeMs).toBe(builtAt);
      // The stale build is gone, and no scratch folder is left.
      expect(readdirSync(bundles)).toEqual([`s3-file-reader-${sourceHash(folder.dir, folder.schemaFile)}`]);
    } finally {
      rmSync(bundles, { recursive: true, force: true });
    }
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lazyModules, separateFiles, LazyModule } from '../../tools/lazy-modules';

/** A package that records when it is evaluated, with an enum, a class and a default export. */
function fakePackage(root: string, name: string): void {
  const dir = join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
  writeFileSync(
    join(dir, 'index.js'),
    `globalThis.evaluated = [...(globalThis.evaluated || []), ${JSON.stringify(name)}];
exports.Kind = { A: 'A', B: 'B' };
exports.Thing = class Thing { hello() { return 'hello from ${name}'; } };
exports.default = function greet() { return 'greet from ${name}'; };
Object.defineProperty(exports, '__esModule', { value: true });`,
  );
}

describe('lazy-modules: the bundle evaluates a lazy module on first use, not at load', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'orch-lazy-'));
    fakePackage(root, 'in-bundle');
    fakePackage(root, 'own-file');
    writeFileSync(
      join(root, 'entry.ts'),
      `import greet, { Kind, Thing } from 'in-bundle';
import { Thing as Other } from 'own-file';
export const kinds = [Kind.A, Kind.B];
export const useInBundle = () => [new Thing().hello(), greet()];
export const useOwnFile = () => new Other().hello();`,
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('plain-data exports are copied in; the rest loads on first read, from handlers.js or from its own file', async () => {
    const modules: LazyModule[] = [{ specifier: 'in-bundle' }, { specifier: 'own-file', file: 'lazy/own-file.js' }];
    const outfile = join(root, 'dist', 'handlers.js');
    const result = await build({ entryPoints: [join(root, 'entry.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', metafile: true, plugins: [lazyModules(modules)], logLevel: 'silent' });
    const files = separateFiles(modules, result.metafile);
    expect(files).toEqual([{ file: 'lazy/own-file.js', entry: 'own-file' }]);
    expect(readFileSync(outfile, 'utf8')).not.toContain('hello from own-file');
    for (const { file, entry } of files) {
      await build({ entryPoints: [require.resolve(entry, { paths: [root] })], outfile: join(root, 'dist', file), bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    }

    delete (globalThis as any).evaluated;
    const bundle = require(outfile);
    expect(bundle.kinds).toEqual(['A', 'B']);
    expect((globalThis as any).evaluated).toBeUndefined();
    expect(bundle.useInBundle()).toEqual(['hello from in-bundle', 'greet from in-bundle']);
    expect((globalThis as any).evaluated).toEqual(['in-bundle']);
    expect(bundle.useOwnFile()).toBe('hello from own-file');
    expect((globalThis as any).evaluated).toEqual(['in-bundle', 'own-file']);
  });

  test('a module no code uses leaves no facade and no file', async () => {
    const modules: LazyModule[] = [{ specifier: 'own-file', file: 'lazy/own-file.js' }];
    writeFileSync(join(root, 'unused.ts'), `import { Thing } from 'own-file';\nexport const unused = () => 1;`);
    const result = await build({ entryPoints: [join(root, 'unused.ts')], write: false, bundle: true, platform: 'node', format: 'cjs', metafile: true, plugins: [lazyModules(modules)], logLevel: 'silent' });
    expect(separateFiles(modules, result.metafile)).toEqual([]);
  });
});

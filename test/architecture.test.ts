import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { REPO_ROOT } from '../local/python-env';

/** Every relative import of every .ts file below `dir`, resolved to a repository path. */
function importsBelow(dir: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const entry of readdirSync(join(REPO_ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) {
      if (entry !== 'node_modules' && entry !== 'build') out.push(...importsBelow(path));
      continue;
    }
    if (!entry.endsWith('.ts')) continue;
    const text = readFileSync(join(REPO_ROOT, path), 'utf8');
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"](\.[^'"]+)['"]/g)) {
      out.push({ file: path, target: relative(REPO_ROOT, resolve(REPO_ROOT, dirname(path), m[1])) });
    }
  }
  return out;
}

test('the runtime imports no type, no local tooling and no test code', () => {
  expect(importsBelow('runtime').length).toBeGreaterThan(10); // the scan sees the imports it judges
  const bad = importsBelow('runtime').filter(({ target }) => !target.startsWith('runtime'));
  expect(bad).toEqual([]);
});

test('a type imports only the runtime barrel, its own files and its schema', () => {
  expect(importsBelow('resource-types').map((i) => i.target)).toContain('runtime');
  const bad = importsBelow('resource-types').filter(({ file, target }) => {
    const ownFolder = file.split('/').slice(0, 2).join('/');
    return !(target === 'runtime' || target.startsWith(`${ownFolder}/`));
  });
  expect(bad).toEqual([]);
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, venvBin } from '../local/python-env';
import { typeFolders } from '../tools/type-folders';

describe.each(typeFolders().map((t) => [t.schema.typeName as string, t] as const))('%s schema', (_name, type) => {
  test('passes cfn validate', () => {
    const out = execFileSync(venvBin('cfn'), ['validate'], { cwd: type.dir, encoding: 'utf8' });
    expect(out).toContain('Resource schema is valid.');
  });

  test('declares permissions for every handler', () => {
    for (const action of ['create', 'read', 'update', 'delete', 'list']) {
      expect(type.schema.handlers[action]?.permissions?.length).toBeGreaterThan(0);
    }
  });
});

test('generated files (models, docs, role template, .rpdk-config) match the schemas', () => {
  // In a child process: json-schema-to-typescript loads its formatter with a dynamic import jest cannot run.
  const out = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['tools/generate.ts', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(out).toMatch(/generated files are up to date/);
});

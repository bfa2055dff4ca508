import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as errors from '../../runtime/errors';
import * as runtime from '../../runtime';

const ROOT = join(__dirname, '..', '..');

/** Every source file of every type. */
function typeSources(): string {
  const files = readdirSync(join(ROOT, 'resource-types'), { recursive: true, encoding: 'utf8' }).filter((f) => /\/src\/.*\.ts$/.test(f));
  return files.map((f) => readFileSync(join(ROOT, 'resource-types', f), 'utf8')).join('\n');
}

test('runtime/index.ts exports what the types use and nothing else (the error classes are one vocabulary)', () => {
  const sources = typeSources();
  expect(Object.keys(runtime)).toEqual(expect.arrayContaining(['TaskLifecycle', 'startThenPoll', 'runAtMostOnce', 'idempotentAttempt', 'readJsonObject']));
  const unused = Object.keys(runtime).filter((name) => !(name in errors) && !new RegExp(`\\b${name}\\b`).test(sources));
  expect(unused).toEqual([]);
});

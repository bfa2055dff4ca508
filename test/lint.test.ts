/**
 * The import boundaries (eslint.config.js, `npm run lint`): each zone refuses an offending import, allows what
 * DEVELOPERS.md allows, and the repository lints clean. Offending files are linted as text under a path in the
 * repository (nothing is written); the imports they name are real files, since a boundary is judged on the
 * resolved path.
 */
import { execFileSync } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { REPO_ROOT } from '../local/python-env';

// The config is handed over as an object: ESLint would load eslint.config.js with import(), which jest's module
// system does not run.
const config = require('../eslint.config.js') as Linter.Config[];
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: config });

/** The rule and message of every problem ESLint finds in `code`, linted as the repository file `file`. */
async function problems(file: string, code: string): Promise<Array<{ rule: string | null; line: number; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return result.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

const boundary = (line: number, importPath: string, why: RegExp) => ({
  rule: 'import-x/no-restricted-paths',
  line,
  message: expect.stringMatching(new RegExp(`^Unexpected path "${importPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" imported in restricted zone\\. ${why.source}`)),
});

describe('runtime/ imports only runtime/ and npm packages', () => {
  test('a type, a tool, local/ and test code are refused', async () => {
    const code = [
      "import { TYPE_NAME } from '../resource-types/lambda-task/src/models';",
      "import { bundleType } from '../tools/bundle';",
      "import { LOCAL_AWS } from '../local/local-aws';",
      "import { bucket } from '../test/support/s3-objects';",
      'export { TYPE_NAME, bundleType, LOCAL_AWS, bucket };',
    ].join('\n');
    const why = /runtime\/ knows no type/;
    expect(await problems('runtime/offending.ts', code)).toEqual([
      boundary(1, '../resource-types/lambda-task/src/models', why),
      boundary(2, '../tools/bundle', why),
      boundary(3, '../local/local-aws', why),
      boundary(4, '../test/support/s3-objects', why),
    ]);
  });

  test('a require() is judged like an import', async () => {
    expect(await problems('runtime/offending.ts', "export const b = require('../tools/bundle');")).toEqual([
      boundary(1, '../tools/bundle', /runtime\/ knows no type/),
    ]);
  });

  test('runtime files, npm packages and node builtins are fine', async () => {
    const code = "import { backoff } from './backoff';\nimport Ajv from 'ajv';\nimport { SFNClient } from '@aws-sdk/client-sfn';\nimport { join } from 'node:path';\nexport { backoff, Ajv, SFNClient, join };";
    expect(await problems('runtime/fine.ts', code)).toEqual([]);
  });
});

describe('a type folder imports its own folder and the runtime barrel only', () => {
  const why = /A type imports its own folder and the runtime's barrel/;

  test('another type, a runtime internal and tooling are refused', async () => {
    const code = [
      "import { TYPE_NAME } from '../../lambda-task/src/models';",
      "import { flatten } from '../../../runtime/flatten';",
      "import { typeFolders } from '../../../tools/type-folders';",
      'export { TYPE_NAME, flatten, typeFolders };',
    ].join('\n');
    expect(await problems('resource-types/s3-file-reader/src/offending.ts', code)).toEqual([
      boundary(1, '../../lambda-task/src/models', why),
      boundary(2, '../../../runtime/flatten', why),
      boundary(3, '../../../tools/type-folders', why),
    ]);
  });

  test('its own files, its schema, the barrel and npm packages are fine', async () => {
    const code = [
      "import { defineResourceType } from '../../../runtime';",
      "import schema from '../orch-s3-filereader.json';",
      "import { TYPE_NAME } from './models';",
      "import { S3Client } from '@aws-sdk/client-s3';",
      'export { defineResourceType, schema, TYPE_NAME, S3Client };',
    ].join('\n');
    expect(await problems('resource-types/s3-file-reader/src/fine.ts', code)).toEqual([]);
  });
});

describe('constructs/ imports only itself and npm packages', () => {
  const why = /constructs\/ \(the CDK library\) is a package of its own/;

  test('the runtime, a type, tooling, local/ and test code are refused', async () => {
    const code = [
      "import { Construct } from 'constructs';",
      "import { CfnResource } from 'aws-cdk-lib';",
      "import { defineResourceType } from '../../runtime';",
      "import { TYPE_NAME } from '../../resource-types/lambda-task/src/models';",
      "import { typeFolders } from '../../tools/type-folders';",
      "import { LOCAL_AWS } from '../../local/local-aws';",
      "import { bucket } from '../../test/support/s3-objects';",
      'export { Construct, CfnResource, defineResourceType, TYPE_NAME, typeFolders, LOCAL_AWS, bucket };',
    ].join('\n');
    expect(await problems('constructs/lib/offending.ts', code)).toEqual([
      boundary(3, '../../runtime', why),
      boundary(4, '../../resource-types/lambda-task/src/models', why),
      boundary(5, '../../tools/type-folders', why),
      boundary(6, '../../local/local-aws', why),
      boundary(7, '../../test/support/s3-objects', why),
    ]);
  });

  test('its own files (a generated L1, private/) and aws-cdk-lib are fine', async () => {
    const code = [
      "import { CfnStepFunctionsTask } from './stepfunctions-task.generated';",
      "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';",
      'export { CfnStepFunctionsTask, sfn };',
    ].join('\n');
    expect(await problems('constructs/lib/fine.ts', code)).toEqual([]);
  });
});

describe('bench/ and test/ do not import each other', () => {
  test('bench/ importing test support is refused', async () => {
    expect(await problems('bench/offending.ts', "import { bucket } from '../test/support/s3-objects';\nexport { bucket };")).toEqual([
      boundary(1, '../test/support/s3-objects', /bench\/ does not import test\//),
    ]);
  });

  test('a test importing bench/ is refused, at any depth of test/', async () => {
    const why = /test\/ does not import bench\//;
    expect(await problems('test/tools/offending.test.ts', "import { sizeOf } from '../../bench/package-size';\nexport { sizeOf };")).toEqual([
      boundary(1, '../../bench/package-size', why),
    ]);
    expect(await problems('test/offending.test.ts', "import { sizeOf } from '../bench/package-size';\nexport { sizeOf };")).toEqual([
      boundary(1, '../bench/package-size', why),
    ]);
  });

  test("test/bench/ may import the bench module it tests; both may import local/ and tools/", async () => {
    expect(await problems('test/bench/fine.test.ts', "import { loadCdkFlattening } from '../../bench/cdk-flatten';\nexport { loadCdkFlattening };")).toEqual([]);
    const shared = "import { coldInvoke } from '../local/cold-invoke';\nimport { stateMachine } from '../local/state-machines';\nimport { typeFolders } from '../tools/type-folders';\nexport { coldInvoke, stateMachine, typeFolders };";
    expect(await problems('bench/fine.ts', shared)).toEqual([]);
  });
});

describe('local/ reaches a type only through its entrypoint and models', () => {
  test("a type's internals are refused, in a static or a dynamic import", async () => {
    const code = [
      "import { invocationAdapter } from '../resource-types/lambda-task/src/invocation';",
      "export const load = () => import('../resource-types/git-commit-from-s3/src/publish');",
      'export { invocationAdapter };',
    ].join('\n');
    const why = /local\/ reaches a type only through its entrypoint/;
    expect(await problems('local/offending.ts', code)).toEqual([
      boundary(1, '../resource-types/lambda-task/src/invocation', why),
      boundary(2, '../resource-types/git-commit-from-s3/src/publish', why),
    ]);
  });

  test('src/handlers.ts and src/models.ts are fine (what local/ may hand the protocol driver)', async () => {
    const code = "export const load = () => Promise.all([import('../resource-types/lambda-task/src/handlers'), import('../resource-types/lambda-task/src/models')]);";
    expect(await problems('local/fine.ts', code)).toEqual([]);
  });
});

describe('local/engine/ reaches a type only through the protocol driver', () => {
  test("even a type's entrypoint and models are refused there", async () => {
    const code = [
      "import { entrypoint } from '../../resource-types/lambda-task/src/handlers';",
      "import { TYPE_NAME } from '../../resource-types/lambda-task/src/models';",
      'export { entrypoint, TYPE_NAME };',
    ].join('\n');
    const why = /local\/engine\/ reaches a type only through the protocol driver/;
    expect(await problems('local/engine/offending.ts', code)).toEqual([
      boundary(1, '../../resource-types/lambda-task/src/handlers', why),
      boundary(2, '../../resource-types/lambda-task/src/models', why),
    ]);
  });

  test('the protocol driver is fine', async () => {
    expect(await problems('local/engine/fine.ts', "import { CfnDriver } from '../protocol';\nexport { CfnDriver };")).toEqual([]);
  });
});

describe('examples/ import npm packages and their own folder', () => {
  const why = /examples\/ are apps as a user writes them/;

  test('local/, tools and test code are refused', async () => {
    const code = [
      "import { startLocalAws } from '../../local/local-aws';",
      "import { typeFolders } from '../../tools/type-folders';",
      "import { bucket } from '../../test/support/s3-objects';",
      'export { startLocalAws, typeFolders, bucket };',
    ].join('\n');
    expect(await problems('examples/research-pipeline/offending.ts', code)).toEqual([
      boundary(1, '../../local/local-aws', why),
      boundary(2, '../../tools/type-folders', why),
      boundary(3, '../../test/support/s3-objects', why),
    ]);
  });

  test('the constructs package, aws-cdk-lib and their own files are fine', async () => {
    const code = [
      "import { StepFunctionsTask } from '@cfn-orchestration/constructs';",
      "import { App } from 'aws-cdk-lib';",
      "import { ResearchPipelineStack } from './pipeline-stack';",
      'export { StepFunctionsTask, App, ResearchPipelineStack };',
    ].join('\n');
    expect(await problems('examples/research-pipeline/cdk/fine.ts', code)).toEqual([]);
  });
});

test('an import the linter cannot resolve is an error, not an import the boundaries never see', async () => {
  expect(await problems('runtime/offending.ts', "import { x } from '../tools/does-not-exist';\nexport { x };")).toEqual([
    { rule: 'import-x/no-unresolved', line: 1, message: "Unable to resolve path to module '../tools/does-not-exist'." },
  ]);
});

test('the repository lints clean, every top-level folder included (the CLI, as `npm run lint` runs it)', () => {
  // A child process: the CLI loads eslint.config.js itself, and file search uses import(), which jest does not run.
  let output: string;
  try {
    output = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'eslint'), ['.', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  } catch (err) {
    output = (err as { stdout: string }).stdout;
  }
  const results = JSON.parse(output) as ESLint.LintResult[];
  const errors = results.flatMap((r) => r.messages.map((m) => `${relative(REPO_ROOT, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
  expect(errors).toEqual([]);
  const folders = new Set(results.map((r) => relative(REPO_ROOT, r.filePath).split(sep)[0]));
  for (const folder of ['runtime', 'resource-types', 'constructs', 'local', 'tools', 'test', 'bench', 'examples']) expect(folders).toContain(folder);
}, 60_000);

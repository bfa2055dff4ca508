// The import boundaries of DEVELOPERS.md, enforced (`npm run lint`, part of `npm test`). Only boundary rules: no
// style rules. test/lint.test.ts shows each zone refusing an offending import and the tree linting clean.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const tseslint = require('typescript-eslint');
const { createNodeResolver, importX } = require('eslint-plugin-import-x');

const root = __dirname;
const typeFolders = readdirSync(join(root, 'resource-types'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

// `from: '.'` with exceptions: everything outside the allowed folders is refused, including top-level folders
// that do not exist yet. npm packages resolve into node_modules, hence its exception; node builtins never resolve
// to a path, so they are always allowed.
const onlyFrom = (allowed) => ({ from: '.', except: [...allowed, './node_modules'] });

const zones = [
  {
    target: './runtime',
    ...onlyFrom(['./runtime']),
    message: 'runtime/ knows no type and no tooling: it imports only runtime/ and npm packages.',
  },
  ...typeFolders.map((t) => ({
    target: `./resource-types/${t}`,
    ...onlyFrom([`./resource-types/${t}`, './runtime/index.ts']),
    message: `A type imports its own folder and the runtime's barrel (runtime/index.ts) only: no other type, no runtime internals, no tooling.`,
  })),
  {
    target: './constructs',
    ...onlyFrom(['./constructs']),
    message: 'constructs/ (the CDK library) is a package of its own: it imports only constructs/ and npm packages.',
  },
  {
    target: './bench',
    from: './test',
    message: 'bench/ does not import test/: share the code through local/ or tools/.',
  },
  {
    // test/bench/ holds the unit tests of bench's own modules (bench/cdk-flatten.ts); the rest of test/ does not import bench/.
    target: ['./test/!(bench)/**', './test/*'],
    from: './bench',
    message: 'test/ does not import bench/: share the code through local/ or tools/.',
  },
  {
    // The examples are what a user writes: npm packages (the constructs package among them) and their own files.
    target: './examples',
    ...onlyFrom(['./examples', './constructs']),
    message: 'examples/ are apps as a user writes them: they import npm packages and their own folder, nothing of the repo.',
  },
  {
    // The engine reaches a type through the protocol driver, which needs the type's entrypoint (src/handlers.ts)
    // and its name and primary identifier (src/models.ts); local/ may hand those to the protocol driver.
    target: './local',
    from: './resource-types',
    except: typeFolders.flatMap((t) => [`./${t}/src/handlers.ts`, `./${t}/src/models.ts`]),
    message: "local/ reaches a type only through its entrypoint (src/handlers.ts) and its models (src/models.ts), for the protocol driver.",
  },
  {
    // The engine is handed each type's entrypoint and calls it through local/protocol (CfnDriver and its invokers);
    // it reads schemas as data (tools/type-folders.ts), never a type's code.
    target: './local/engine',
    from: './resource-types',
    message: 'local/engine/ reaches a type only through the protocol driver (local/protocol/): it imports nothing from resource-types/.',
  },
];

module.exports = [
  { ignores: ['**/node_modules/**', '.venv/**', '.venv-cdk/**', '**/build/**', '**/dist/**', '.bench/**', 'scratch/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json', '.node'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      // An import the resolver cannot follow would pass the zones unseen; refuse it instead.
      'import-x/no-unresolved': ['error', { commonjs: true }],
    },
  },
];

/**
 * The research pipeline example (examples/research-pipeline): both templates validate clean, the inline copies of
 * the state machine and the function code are the files the CDK apps read, and the TypeScript CDK app and its Python
 * twin synthesize the same template, which validates too and holds the YAML pipeline's resource types.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../local/cli/validate-command';
import { loadTemplate } from '../../local/engine/template/load';
import { formatDiagnostic } from '../../local/engine/template/diagnostic';
import { REPO_ROOT } from '../../local/python-env';
import { pythonWithConstructs } from './python-constructs';

const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[] };

const EXAMPLE = join(REPO_ROOT, 'examples', 'research-pipeline');
const PIPELINE = join(EXAMPLE, 'pipeline.yaml');
const CONSUMER = join(EXAMPLE, 'consumer.yaml');

type Template = { Resources: Record<string, { Type: string; Properties?: any; Metadata?: unknown }>; Outputs?: Record<string, any> };

function errorsOf(file: string): string[] {
  return validateFile(file).diagnostics.map((d) => formatDiagnostic(d, file));
}

const resourceTypes = (t: Template) => Object.values(t.Resources).map((r) => r.Type).filter((type) => type !== 'AWS::CDK::Metadata').sort();
const withoutMetadata = (t: Template) => Object.fromEntries(Object.entries(t.Resources).map(([id, { Metadata: _m, ...r }]) => [id, r]));

let scratch: string;
beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'orch-example-'))));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('pipeline.yaml and consumer.yaml validate clean', () => {
  expect(errorsOf(PIPELINE)).toEqual([]);
  expect(errorsOf(CONSUMER)).toEqual([]);
});

test('the pipeline exports what the consumer imports, and what it exports carries the metrics and the commit', () => {
  const pipeline = loadTemplate(PIPELINE).body as Template;
  const exports = Object.values(pipeline.Outputs!).filter((o) => o.Export).map((o) => o.Export.Name['Fn::Sub'].replace('${AWS::StackName}-', ''));
  expect(exports).toEqual(expect.arrayContaining(['Accuracy', 'F1', 'ReleaseCommitSha', 'DataBucketName', 'JobStatusTopicArn']));
  const consumerText = readFileSync(CONSUMER, 'utf8');
  const imported = [...consumerText.matchAll(/"\$\{PipelineStack\}-(\w+)"/g)].map((m) => m[1]);
  expect(imported.length).toBeGreaterThan(0);
  for (const name of imported) expect(exports).toContain(name);
  // An imported export cannot change while imported: the consumer takes only what a new model version leaves alone.
  expect(imported).not.toEqual(expect.arrayContaining(['ReleaseCommitSha']));
  expect(imported).not.toContain('Accuracy');
});

test('the inline state machine is train-and-evaluate.asl.json, a valid definition using Pass, Map, Wait, Choice, Retry and Catch', () => {
  const file = JSON.parse(readFileSync(join(EXAMPLE, 'train-and-evaluate.asl.json'), 'utf8'));
  const pipeline = loadTemplate(PIPELINE).body as Template;
  expect(pipeline.Resources.TrainingStateMachine.Properties.Definition).toEqual(file);
  expect(aslValidator(file)).toMatchObject({ isValid: true, errors: [] });
  const states = (machine: any): any[] => Object.values(machine.States).flatMap((s: any) => [s, ...(s.ItemProcessor ? states(s.ItemProcessor) : [])]);
  const types = new Set(states(file).map((s) => s.Type));
  for (const type of ['Pass', 'Map', 'Wait', 'Choice', 'Task', 'Fail']) expect(types).toContain(type);
  expect(states(file).some((s) => s.Retry) && states(file).some((s) => s.Catch)).toBe(true);
});

test("the inline function code is functions/dataset.js", () => {
  const pipeline = loadTemplate(PIPELINE).body as Template;
  expect(pipeline.Resources.DatasetFunction.Properties.Code.ZipFile).toBe(readFileSync(join(EXAMPLE, 'functions', 'dataset.js'), 'utf8'));
});

describe('the CDK apps', () => {
  let typescript: Template;

  beforeAll(() => {
    const out = join(scratch, 'cdk.out');
    execFileSync(process.execPath, ['--import', 'tsx', join(EXAMPLE, 'cdk', 'app.ts')], { env: { ...process.env, CDK_OUTDIR: out }, stdio: 'pipe' });
    typescript = JSON.parse(readFileSync(join(out, 'ResearchPipeline.template.json'), 'utf8'));
  }, 120_000);

  test('the TypeScript app synthesizes a template that validates clean, with the YAML pipeline\'s resource types', () => {
    expect(errorsOf(join(scratch, 'cdk.out', 'ResearchPipeline.template.json'))).toEqual([]);
    const yaml = loadTemplate(PIPELINE).body as Template;
    // The CDK's grants put the roles' statements in AWS::IAM::Policy resources of their own; the YAML inlines them.
    expect(resourceTypes(typescript).filter((t) => t !== 'AWS::IAM::Policy')).toEqual(resourceTypes(yaml));
    expect(Object.keys(typescript.Outputs!).sort()).toEqual(Object.keys(yaml.Outputs!).sort());
  });

  test('the Python twin synthesizes the same template', () => {
    const out = join(scratch, 'cdk.py.out');
    const { python, env } = pythonWithConstructs(scratch);
    execFileSync(python, [join(EXAMPLE, 'cdk-python', 'app.py')], { env: { ...env, CDK_OUTDIR: out }, stdio: 'pipe' });
    const twin = JSON.parse(readFileSync(join(out, 'ResearchPipeline.template.json'), 'utf8')) as Template;
    expect(resourceTypes(twin)).toEqual(resourceTypes(typescript));
    expect(withoutMetadata(twin)).toEqual(withoutMetadata(typescript));
    expect(twin.Outputs).toEqual(typescript.Outputs);
  }, 300_000);
});

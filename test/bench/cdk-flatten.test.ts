import { readFileSync } from 'node:fs';
import { loadCdkFlattening } from '../../bench/cdk-flatten';
import { stepFunctionsOutput } from '../../bench/flatten-inputs';
import { filterKeys, flatten, flattenOutput } from '../../runtime/flatten';

const cdk = loadCdkFlattening();

test("the loader finds the flatten and the filter of the installed aws-cdk-lib's AwsCustomResource handler", () => {
  const { version } = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8'));
  expect(cdk.version).toBe(version);
  expect(cdk.file).toBe('aws-cdk-lib/custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js');
  expect(cdk.flatten({ a: [{ b: 1 }] })).toEqual({ 'a.0.b': 1 });
  expect(cdk.filter({ outputPaths: ['a'] }, { a: 1, b: 2 })).toEqual({ a: 1 });
  expect(cdk.filter({}, { a: 1 })).toEqual({ a: 1 });
});

test('ours and CDK give the same keys for a document without empty objects or arrays', () => {
  const document = { id: 'x', n: 1.5, ok: true, none: null, list: ['a', { b: [1, 2] }], deep: { a: { b: { c: { d: 'e' } } } } };
  const ours = flatten(document);
  const theirs = cdk.flatten(document);
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  // Intentional: our leaves are strings (CloudFormation attributes are read as strings); CDK's keep their JSON type.
  expect(ours['list.1.b.0']).toBe('1');
  expect(theirs['list.1.b.0']).toBe(1);
  expect(ours.none).toBe('null');
  expect(theirs.none).toBeNull();
});

test('intentional differences: we keep empty objects and arrays, and filter on whole path segments', () => {
  // An empty object or array stays addressable with us; CDK has no key for it.
  expect(flatten({ a: {}, b: [], c: 1 })).toEqual({ a: '{}', b: '[]', c: '1' });
  expect(cdk.flatten({ a: {}, b: [], c: 1 })).toEqual({ c: 1 });
  // CDK's outputPaths keep every key starting with the path, so 'a.1' also keeps 'a.10'.
  expect(Object.keys(cdk.filter({ outputPaths: ['a.1'] }, { 'a.1': 1, 'a.10': 2 }))).toEqual(['a.1', 'a.10']);
  expect(Object.keys(filterKeys({ 'a.1': '1', 'a.10': '2' }, ['a.1']))).toEqual(['a.1']);
});

test("the bench's Step Functions paths select the same keys in both, apart from empty arrays", () => {
  const input = stepFunctionsOutput();
  const ours = flattenOutput(input.text, input.paths);
  const theirs = cdk.filter({ outputPaths: input.paths }, cdk.flatten(JSON.parse(input.text)));
  const oursWithoutEmpty = Object.keys(ours).filter((k) => ours[k] !== '[]' && ours[k] !== '{}');
  expect(oursWithoutEmpty.sort()).toEqual(Object.keys(theirs).sort());
  expect(oursWithoutEmpty.length).toBeGreaterThan(100);
});

import { outputDepthOf } from '../../runtime/output-depth';

test('the depth is the number of OutputNode<N> definitions', () => {
  expect(outputDepthOf({ definitions: { OutputNode1: {}, OutputNode2: {}, OutputNode3: {}, Other: {} } })).toBe(3);
});

test('a schema without OutputNode definitions is a programming error', () => {
  expect(() => outputDepthOf({ definitions: {} })).toThrow('OutputNode');
});

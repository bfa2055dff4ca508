/**
 * How deep an `Output` tree goes: the type's schema defines one `OutputNode<N>` per level, and Fn::GetAtt resolves
 * attribute paths against that schema, so the schema is the one place that says it.
 */
export function outputDepthOf(schema: { definitions?: Record<string, unknown> }): number {
  const depth = Object.keys(schema.definitions ?? {}).filter((name) => /^OutputNode\d+$/.test(name)).length;
  if (depth === 0) throw new Error('The schema defines no OutputNode<N> definitions');
  return depth;
}

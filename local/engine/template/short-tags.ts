import { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

type ToJSContext = Parameters<YAMLSeq['toJSON']>[1];

/** CloudFormation's YAML short tags and the long form each becomes. */
export const SHORT_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
};

function longName(tag: string | undefined): string {
  const name = tag && SHORT_TAGS[tag];
  if (!name) throw new Error(`not a CloudFormation short tag: ${tag}`);
  return name;
}

// The collection classes keep the parsed node (and so its source range); only toJSON wraps it in the long form.
// toJSON returns `any` because the base classes declare an array or a Map, and the long form is neither.
class ShortFormSeq extends YAMLSeq {
  override toJSON(_?: unknown, ctx?: ToJSContext): any {
    return { [longName(this.tag)]: super.toJSON(_, ctx) };
  }
}

class ShortFormMap extends YAMLMap {
  override toJSON(_?: unknown, ctx?: ToJSContext): any {
    return { [longName(this.tag)]: super.toJSON(_, ctx) };
  }
}

/** `!GetAtt Train.Outputs.Accuracy` names the resource before the first dot; the attribute keeps the other dots. */
function scalarLongForm(tag: string, value: string): unknown {
  const name = longName(tag);
  if (name === 'Fn::GetAtt') {
    const dot = value.indexOf('.');
    return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name]: value };
}

/**
 * The `yaml` library's custom tags for every short tag, in each of its node kinds (scalar, sequence, mapping): which
 * kind a function accepts is the evaluator's and the validator's business, so their messages can name the path.
 */
export const cloudFormationTags: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_TAGS).flatMap((tag) => [
  { tag, resolve: (value: string) => scalarLongForm(tag, value) } satisfies ScalarTag,
  { tag, collection: 'seq', nodeClass: ShortFormSeq } as CollectionTag,
  { tag, collection: 'map', nodeClass: ShortFormMap } as CollectionTag,
]);

/** For the source map: the long-form key a tagged node stands for, if it carries a short tag. */
export function shortTagKey(node: { tag?: string }): string | undefined {
  return node.tag ? SHORT_TAGS[node.tag] : undefined;
}

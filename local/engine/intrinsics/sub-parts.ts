/** One piece of a Fn::Sub string: literal text, or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubPart = { readonly text: string } | { readonly variable: string };

/**
 * Splits a Fn::Sub string. `${!Literal}` stays as the text `${Literal}`, as CloudFormation writes it; a `${` that is
 * never closed is literal text too.
 */
export function subParts(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    const end = start < 0 ? -1 : template.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, start);
    const inner = template.slice(start + 2, end);
    if (inner.startsWith('!')) {
      text += `\${${inner.slice(1)}}`;
    } else {
      if (text) parts.push({ text });
      text = '';
      parts.push({ variable: inner.trim() });
    }
    i = end + 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/** `Train.Outputs.Accuracy` is an attribute of Train; `AWS::Region` and `Bucket` are Ref names. */
export function splitSubVariable(variable: string): { name: string; attribute?: string } {
  const dot = variable.indexOf('.');
  return dot < 0 ? { name: variable } : { name: variable.slice(0, dot), attribute: variable.slice(dot + 1) };
}

/** Where a value sits in a template: keys and list indexes from the document root. */
export type TemplatePath = readonly (string | number)[];

/** `Resources.Train.Properties.Policies[0].PolicyName`, the form CloudFormation users read in error messages. */
export function formatPath(path: TemplatePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(template)';
}

/** Whether `path` is `prefix` or lies below it. */
export function isWithin(path: TemplatePath, prefix: TemplatePath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

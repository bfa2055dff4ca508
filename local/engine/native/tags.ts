/** CloudFormation's tag list: `[{Key, Value}]`. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export function tagList(value: unknown): Tag[] {
  return Array.isArray(value) ? value.map((t) => ({ Key: String(t.Key), Value: String(t.Value) })) : [];
}

/** What to set and what to remove to go from one tag list to another. */
export function tagChanges(before: unknown, after: unknown): { set: Tag[]; removed: string[] } {
  const old = new Map(tagList(before).map((t) => [t.Key, t.Value]));
  const next = tagList(after);
  const keys = new Set(next.map((t) => t.Key));
  return { set: next.filter((t) => old.get(t.Key) !== t.Value), removed: [...old.keys()].filter((k) => !keys.has(k)) };
}

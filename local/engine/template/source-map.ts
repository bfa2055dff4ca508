import { isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import { SourcePosition } from './diagnostic';
import { TemplatePath } from './path';
import { shortTagKey } from './short-tags';

/** Source positions by template path: a map member points at its key, a list item at its value. */
export class SourceMap {
  private readonly positions = new Map<string, SourcePosition>();

  static fromDocument(root: Node | null | undefined, lines: LineCounter, text: string): SourceMap {
    const map = new SourceMap(text);
    if (root) map.walk(root, [], map.start(root), lines);
    return map;
  }

  private constructor(private readonly text: string) {}

  /** The position of `path`, or of its nearest ancestor present in the source (a missing property points at its parent). */
  locate(path: TemplatePath): SourcePosition | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.positions.get(key(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }

  private walk(node: unknown, path: TemplatePath, offset: number | undefined, lines: LineCounter): void {
    if (offset !== undefined) this.set(path, lines.linePos(offset));
    if (!node || typeof node !== 'object') return;
    const tagged = shortTagKey(node as { tag?: string });
    // A short tag stands for one more level of the long form: `!Ref X` is `{Ref: X}`.
    if (tagged) {
      path = [...path, tagged];
      const start = this.start(node as Node);
      if (start !== undefined) this.set(path, lines.linePos(start));
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node | null;
        this.walk(pair.value, [...path, name], keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0], lines);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.walk(item, [...path, i], this.start(item as Node | null), lines));
    }
  }

  /** Where a node starts in the text: at its tag when it has one (the library's range starts after the tag). */
  private start(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    if (offset === undefined || !node?.tag) return offset;
    const at = this.text.lastIndexOf(node.tag, offset);
    return at >= 0 && /^\s*$/.test(this.text.slice(at + node.tag.length, offset)) ? at : offset;
  }

  private set(path: TemplatePath, pos: { line: number; col: number }): void {
    const k = key(path);
    if (!this.positions.has(k)) this.positions.set(k, { line: pos.line, column: pos.col });
  }
}

function key(path: TemplatePath): string {
  return JSON.stringify(path);
}

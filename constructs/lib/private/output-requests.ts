import { createHash } from 'crypto';
import { IResolvable, Lazy } from 'aws-cdk-lib';

/** What the schemas allow in Expose: names of letters and digits up to 64, paths up to 512, at most 100 entries. */
const MAX_NAME = 64;
const MAX_PATH = 512;
export const MAX_OUTPUTS = 100;

/**
 * The dot paths a construct's users asked for, each under a name Expose can hold. The name is the path in
 * PascalCase (`model.uri` -> `ModelUri`), so templates read well; a path whose PascalCase is too long or taken by
 * another path gets a hash of the path instead of its tail, so each path keeps one name for every synth.
 */
export class OutputRequests {
  private readonly names = new Map<string, string>();

  /** The Expose name of `path`, allocated on first request. */
  public nameOf(path: string): string {
    const known = this.names.get(path);
    if (known) return known;
    const taken = new Set(this.names.values());
    const pascal = path
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('');
    const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
    const name = pascal && pascal.length <= MAX_NAME && !taken.has(pascal) ? pascal : `${pascal.slice(0, MAX_NAME - 9)}H${hash}`;
    this.names.set(path, name);
    return name;
  }

  public get size(): number {
    return this.names.size;
  }

  /** Expose as the template gets it: filled at synth with every path requested by then, absent when none was. */
  public renderExpose(): IResolvable {
    return Lazy.any({ produce: () => (this.names.size ? Object.fromEntries([...this.names].map(([path, name]) => [name, path])) : undefined) });
  }
}

/** Why `path` cannot be an Expose path, or undefined when it can. */
export function invalidPath(path: string): string | undefined {
  if (path.length === 0 || path.length > MAX_PATH) return `a dot path has 1 to ${MAX_PATH} characters (got ${path.length})`;
  return undefined;
}

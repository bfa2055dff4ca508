import { collectReferences, ReferenceOptions } from './references';
import { TemplateError } from './template/diagnostic';
import { TemplatePath } from './template/path';

/** Why one resource waits for another, and where the template says so. */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  readonly kind: 'DependsOn' | 'Ref' | 'GetAtt' | 'Sub';
  readonly path: TemplatePath;
}

/**
 * Which resource waits for which, from DependsOn, Ref, Fn::GetAtt and Fn::Sub. References to parameters and pseudo
 * parameters draw no edge; a DependsOn naming no resource is an error in CloudFormation's words.
 */
export class DependencyGraph {
  readonly edges: readonly Dependency[];
  /** A DependsOn naming no resource, or not a name at all: `levels()` throws the first, validation reports them all. */
  readonly problems: readonly TemplateError[];
  private readonly needs = new Map<string, Set<string>>();

  /** `resources` is the Resources section; pass only the resources a deployment creates (conditions applied). */
  constructor(
    private readonly resources: Readonly<Record<string, unknown>>,
    options: ReferenceOptions = {},
  ) {
    const ids = Object.keys(resources);
    const edges: Dependency[] = [];
    const problems: TemplateError[] = [];
    for (const id of ids) {
      this.needs.set(id, new Set());
      const resource = resources[id] as Record<string, unknown> | undefined;
      const base = ['Resources', id];
      for (const [target, path] of dependsOn(resource?.DependsOn, [...base, 'DependsOn'], problems)) {
        if (!(target in resources)) {
          problems.push(new TemplateError(path, `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template`));
          continue;
        }
        edges.push({ from: id, to: target, kind: 'DependsOn', path });
      }
      for (const key of ['Properties', 'Metadata'] as const) {
        for (const ref of collectReferences(resource?.[key], [...base, key], options)) {
          if (ref.target in resources) edges.push({ from: id, to: ref.target, kind: ref.kind, path: ref.path });
        }
      }
    }
    for (const edge of edges) this.needs.get(edge.from)!.add(edge.to);
    this.edges = edges;
    this.problems = problems;
  }

  /** The resources `id` waits for. */
  dependenciesOf(id: string): ReadonlySet<string> {
    return this.needs.get(id) ?? new Set();
  }

  /**
   * Creation order as levels: every resource of a level depends only on earlier levels, so a level's resources may
   * run in parallel (the engine starts each as soon as its own dependencies finish; the levels bound the chain).
   * A cycle is a TemplateError naming its resources.
   */
  levels(): string[][] {
    if (this.problems.length > 0) throw this.problems[0];
    const remaining = new Map([...this.needs].map(([id, needs]) => [id, new Set(needs)]));
    const levels: string[][] = [];
    while (remaining.size > 0) {
      const ready = [...remaining].filter(([, needs]) => needs.size === 0).map(([id]) => id);
      if (ready.length === 0) {
        const cycle = this.cycles()[0];
        throw new TemplateError(['Resources', cycle[0]], `Circular dependency between resources: [${cycle.join(', ')}]`);
      }
      for (const id of ready) remaining.delete(id);
      for (const needs of remaining.values()) for (const id of ready) needs.delete(id);
      levels.push(ready);
    }
    return levels;
  }

  /** Deletion order: the creation levels reversed, so nothing is deleted while something that needs it remains. */
  deletionLevels(): string[][] {
    return this.levels().reverse();
  }

  /**
   * The cycles, each as its resources in template order: strongly connected components (Tarjan) of more than one
   * resource, or one that needs itself.
   */
  cycles(): string[][] {
    const order = Object.keys(this.resources);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const components: string[][] = [];
    const visit = (id: string): void => {
      index.set(id, index.size);
      low.set(id, index.get(id)!);
      stack.push(id);
      for (const next of this.dependenciesOf(id)) {
        if (!index.has(next)) {
          visit(next);
          low.set(id, Math.min(low.get(id)!, low.get(next)!));
        } else if (stack.includes(next)) {
          low.set(id, Math.min(low.get(id)!, index.get(next)!));
        }
      }
      if (low.get(id) === index.get(id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          component.push(member);
        } while (member !== id);
        if (component.length > 1 || this.dependenciesOf(id).has(id)) components.push(component);
      }
    };
    for (const id of order) if (!index.has(id)) visit(id);
    return components
      .map((component) => component.sort((a, b) => order.indexOf(a) - order.indexOf(b)))
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  }
}

function dependsOn(value: unknown, path: TemplatePath, problems: TemplateError[]): [string, TemplatePath][] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [[value, path]];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item, i): [string, TemplatePath] => [item, [...path, i]]);
  problems.push(new TemplateError(path, 'DependsOn must be a resource name or a list of them'));
  return [];
}

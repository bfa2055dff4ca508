import { TemplateError } from './template/diagnostic';
import { TemplatePath } from './template/path';

/**
 * The Conditions section evaluated on demand, each condition once: a condition naming itself through others is a
 * cycle, and one naming a condition that does not exist is an error at the place that names it.
 */
export class ConditionTable {
  private readonly values = new Map<string, boolean>();
  private readonly evaluating: string[] = [];

  constructor(
    private readonly definitions: Readonly<Record<string, unknown>>,
    private readonly evaluateDefinition: (definition: unknown, path: TemplatePath) => boolean,
  ) {}

  get names(): string[] {
    return Object.keys(this.definitions);
  }

  value(name: string, referencedAt: TemplatePath): boolean {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    if (!Object.prototype.hasOwnProperty.call(this.definitions, name)) {
      throw new TemplateError(referencedAt, `no condition named ${name} in Conditions`);
    }
    if (this.evaluating.includes(name)) {
      const cycle = [...this.evaluating.slice(this.evaluating.indexOf(name)), name];
      throw new TemplateError(['Conditions', name], `circular condition: ${cycle.join(' -> ')}`);
    }
    this.evaluating.push(name);
    try {
      const result = this.evaluateDefinition(this.definitions[name], ['Conditions', name]);
      this.values.set(name, result);
      return result;
    } finally {
      this.evaluating.pop();
    }
  }

  /** Every condition's value, in template order. */
  all(): Record<string, boolean> {
    return Object.fromEntries(this.names.map((name) => [name, this.value(name, ['Conditions', name])]));
  }
}

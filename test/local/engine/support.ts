import { Resolver } from '../../../local/engine/intrinsics/context';
import { TemplateError } from '../../../local/engine/template/diagnostic';
import { formatPath } from '../../../local/engine/template/path';

/** A resolver over fixed tables, standing in for deployed resources and other stacks' exports. */
export function tableResolver(tables: {
  refs?: Record<string, unknown>;
  attributes?: Record<string, unknown>;
  exports?: Record<string, unknown>;
}): Resolver {
  return {
    ref: (id, path) => lookup(tables.refs, id, path),
    getAtt: (id, attribute, path) => lookup(tables.attributes, `${id}.${attribute}`, path),
    importValue: (name, path) => lookup(tables.exports, name, path),
  };
}

function lookup(table: Record<string, unknown> | undefined, key: string, path: readonly (string | number)[]): unknown {
  if (table && key in table) return table[key];
  throw new TemplateError(path, `no value for ${key}`);
}

/** The message a TemplateError carries, for assertions on the whole text. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof TemplateError) return e.message;
    throw e;
  }
  throw new Error(`expected a TemplateError, got none (${formatPath([])})`);
}

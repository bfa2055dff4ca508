import { TypeCatalog } from '../types/catalog';
import { ResourceTypeSpec } from '../types/resource-type';

/** A resource as the template declares it. */
export interface DeclaredResource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
  readonly [key: string]: unknown;
}

/** The names a template declares, and the types they have, for the checks that look things up. */
export class TemplateScope {
  readonly parameters: Readonly<Record<string, { Type?: unknown }>>;
  readonly resources: Readonly<Record<string, DeclaredResource>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;

  constructor(
    body: Readonly<Record<string, unknown>>,
    readonly catalog: TypeCatalog,
  ) {
    this.parameters = mapping(body.Parameters) as Record<string, { Type?: unknown }>;
    this.resources = mapping(body.Resources) as Record<string, DeclaredResource>;
    this.conditions = mapping(body.Conditions);
    this.mappings = mapping(body.Mappings);
  }

  /** The spec of a resource's type, when the resource exists and its type is supported. */
  typeOf(logicalId: string): ResourceTypeSpec | undefined {
    const type = this.resources[logicalId]?.Type;
    return typeof type === 'string' ? this.catalog.tryGet(type) : undefined;
  }

  propertiesOf(logicalId: string): Record<string, unknown> | undefined {
    const properties = this.resources[logicalId]?.Properties;
    return properties && typeof properties === 'object' && !Array.isArray(properties) ? (properties as Record<string, unknown>) : undefined;
  }
}

function mapping(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

import { NATIVE_TYPES } from './native-types';
import { orchTypeSpec, readOrchSchemas } from './orch-types';
import { ResourceTypeSpec } from './resource-type';

/** The resource types the engine supports, by type name. */
export class TypeCatalog {
  private readonly byName: ReadonlyMap<string, ResourceTypeSpec>;

  constructor(specs: readonly ResourceTypeSpec[]) {
    this.byName = new Map(specs.map((spec) => [spec.typeName, spec]));
  }

  /** The Orch types of resource-types/ and the native types of native-types.ts. */
  static load(): TypeCatalog {
    return new TypeCatalog([...readOrchSchemas().map(orchTypeSpec), ...NATIVE_TYPES]);
  }

  tryGet(typeName: string): ResourceTypeSpec | undefined {
    return this.byName.get(typeName);
  }

  get(typeName: string): ResourceTypeSpec {
    const spec = this.tryGet(typeName);
    if (!spec) throw new Error(`unsupported resource type ${typeName}: the local engine creates ${this.typeNames.join(', ')}`);
    return spec;
  }

  get typeNames(): string[] {
    return [...this.byName.keys()];
  }
}

/** The JSON types a value can have, as JSON schema names them. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** What the engine knows of a resource type: enough to validate a template and, later, to plan replacements. */
export interface ResourceTypeSpec {
  readonly typeName: string;
  /** Orch types run through their registry handlers; native ones through the SDK. */
  readonly kind: 'orch' | 'native';
  /** A JSON schema of the properties a template sets, validated with ajv as the runtime validates its input. */
  readonly propertiesSchema: Record<string, unknown>;
  /** Attributes that are not inputs: setting one in a template is an error. */
  readonly readOnlyProperties: readonly string[];
  /** Changing one of these replaces the resource (create the new one, then delete the old one at cleanup). */
  readonly createOnlyProperties: readonly string[];
  /**
   * Why `attribute` cannot be read with Fn::GetAtt, or undefined when it can. `properties` are the resource's
   * template properties, for attributes that depend on them (Outputs.<Name> needs Name in a literal Expose).
   */
  checkAttribute(attribute: string, properties: Readonly<Record<string, unknown>> | undefined): string | undefined;
  /** The JSON type Fn::GetAtt gives, when it is known ahead of deployment. */
  attributeType(attribute: string): JsonType | undefined;
  /** Nothing to create (CDK's version-reporting AWS::CDK::Metadata): the engine records it and calls no service. */
  readonly inert?: boolean;
  /** Per-action time limits from the schema (`handlers.<action>.timeoutInMinutes`), for the engine's follow loop. */
  readonly timeoutInMinutes?: Readonly<Partial<Record<'create' | 'update' | 'delete', number>>>;
}

import { typeFolders } from '../../../tools/type-folders';
import { intrinsicCall } from '../intrinsics/names';
import { JsonType, ResourceTypeSpec } from './resource-type';

type Schema = Record<string, unknown>;

/**
 * The schema of every type folder, read as data: the engine never imports a type's code (it reaches types through
 * the protocol driver).
 */
export function readOrchSchemas(): Schema[] {
  return typeFolders().map((folder) => folder.schema);
}

function names(pointers: unknown): string[] {
  return Array.isArray(pointers)
    ? pointers.filter((p): p is string => typeof p === 'string' && /^\/properties\/[^/]+$/.test(p)).map((p) => p.slice('/properties/'.length))
    : [];
}

/** An Orch type's spec from its schema, the single source of truth. */
export function orchTypeSpec(schema: Schema): ResourceTypeSpec {
  const typeName = String(schema.typeName);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const definitions = (schema.definitions ?? {}) as Record<string, Schema>;
  const readOnly = names(schema.readOnlyProperties);
  const deref = (node: Schema | undefined): Schema | undefined => {
    const ref = node?.$ref;
    return typeof ref === 'string' && ref.startsWith('#/definitions/') ? deref(definitions[ref.slice('#/definitions/'.length)]) : node;
  };
  const handlers = (schema.handlers ?? {}) as Record<string, { timeoutInMinutes?: number }>;

  function checkAttribute(attribute: string, props: Readonly<Record<string, unknown>> | undefined): string | undefined {
    const [head, ...rest] = attribute.split('.');
    if (!readOnly.includes(head)) return `${typeName} has no attribute ${head} (it has ${readOnly.join(', ')})`;
    if (rest.length === 0) return undefined;
    if (head === 'Outputs' && 'Expose' in properties) return checkExposed(rest.join('.'), props?.Expose);
    let node = deref(properties[head]);
    for (let i = 0; i < rest.length; i++) {
      const shown = [head, ...rest.slice(0, i)].join('.');
      const patterns = node?.patternProperties as Record<string, Schema> | undefined;
      if (!patterns) return `${shown} holds a single value, not keys (so ${attribute} does not exist)`;
      const match = Object.keys(patterns).find((pattern) => new RegExp(pattern, 'u').test(rest[i]));
      if (!match) return `'${rest[i]}' cannot be a key of ${shown} (keys match ${Object.keys(patterns).join(' or ')})`;
      node = deref(patterns[match]);
      // A value that may be text or more keys (the Output tree): follow the keys when the path goes on.
      const choices = (node?.anyOf as Schema[] | undefined)?.map(deref);
      if (choices && i < rest.length - 1) node = choices.find((choice) => choice?.patternProperties) ?? node;
    }
    return undefined;
  }

  function checkExposed(name: string, expose: unknown): string | undefined {
    const pattern = deref(properties.Outputs)?.patternProperties as Record<string, unknown> | undefined;
    const keyPattern = pattern ? Object.keys(pattern)[0] : undefined;
    if (keyPattern && !new RegExp(keyPattern).test(name)) return `Outputs holds names matching ${keyPattern}, so Outputs.${name} does not exist`;
    // An Expose computed by an intrinsic is known only at deploy time.
    if (intrinsicCall(expose)) return undefined;
    if (!expose || typeof expose !== 'object') return `the resource has no Expose, so Outputs.${name} is never set: add ${name} to Expose`;
    if (!(name in expose)) return `${name} is not in the resource's Expose (${Object.keys(expose).join(', ') || 'empty'}), so Outputs.${name} is never set`;
    return undefined;
  }

  function attributeType(attribute: string): JsonType | undefined {
    const [head, ...rest] = attribute.split('.');
    if (!readOnly.includes(head)) return undefined;
    if (rest.length > 0) return head === 'Outputs' ? 'string' : undefined;
    const type = deref(properties[head])?.type;
    return typeof type === 'string' ? (type as JsonType) : undefined;
  }

  const inputs = Object.fromEntries(Object.entries(properties).filter(([name]) => !readOnly.includes(name)));
  return {
    typeName,
    kind: 'orch',
    // The shape runtime/validate.ts compiles, without the read-only properties a template must not set.
    propertiesSchema: {
      type: 'object',
      properties: inputs,
      definitions,
      required: schema.required ?? [],
      additionalProperties: schema.additionalProperties ?? false,
      // A top-level oneOf of required lists (give exactly one of these properties), as the handler checks it.
      ...(schema.oneOf ? { oneOf: schema.oneOf } : {}),
    },
    readOnlyProperties: readOnly,
    createOnlyProperties: names(schema.createOnlyProperties),
    checkAttribute,
    attributeType,
    timeoutInMinutes: Object.fromEntries(
      (['create', 'update', 'delete'] as const).filter((a) => handlers[a]?.timeoutInMinutes).map((a) => [a, handlers[a].timeoutInMinutes]),
    ),
  };
}

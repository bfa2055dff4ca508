/**
 * The CDK L1 class of a type (constructs/lib/<type-folder>.generated.ts), written by tools/generate.ts.
 *
 * json2jsii renders the props struct and its toJson_ mapper from the schema's writable properties (camelCase in
 * TypeScript, the schema's PascalCase names in the template); this file renders the class around it: a
 * CfnResource with CFN_RESOURCE_TYPE_NAME, an attr* token per read-only property, and a getter per one-level map of
 * strings (Outputs.<name>, Metadata.<key>), the one level of GetAtt a registry attribute documents.
 */
import { basename } from 'node:path';
import { CfnResource } from 'aws-cdk-lib';
import { TypeGenerator } from 'json2jsii';
import { TypeFolder } from './type-folders';

type Schema = Record<string, any>;

/** `Orch::StepFunctions::Task` -> `CfnStepFunctionsTask`: every segment after the first, so no two types collide. */
export function l1ClassName(typeName: string): string {
  return `Cfn${typeName.split('::').slice(1).join('')}`;
}

export function l1FileName(type: TypeFolder): string {
  return `${basename(type.dir)}.generated.ts`;
}

/**
 * json2jsii types `patternProperties` as `any`; one pattern of one value schema is a map, which it types as
 * `{ [key: string]: T }` once written as `additionalProperties`. The key pattern is checked by the handlers.
 */
function mapsFromPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(mapsFromPatterns);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapsFromPatterns(v)]));
  const patterns = Object.values(out.patternProperties ?? {});
  if (patterns.length === 1 && !out.properties) {
    const { patternProperties: _patterns, ...rest } = out;
    return { ...rest, additionalProperties: patterns[0] };
  }
  return out;
}

function prefixRefs(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((n) => prefixRefs(n, prefix));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' ? String(v).replace('#/definitions/', `#/definitions/${prefix}`) : prefixRefs(v, prefix)]),
  );
}

function resolve(schema: Schema, node: Schema): Schema {
  const ref: string | undefined = node.$ref;
  if (!ref) return node;
  const name = ref.replace('#/definitions/', '');
  const target = schema.definitions?.[name];
  if (!target) throw new Error(`${schema.typeName}: unresolvable $ref ${ref}`);
  return resolve(schema, target);
}

const propertyName = (pointer: string) => pointer.replace('/properties/', '');
const docLines = (text: string, indent: string) => text.split('\n').map((line) => `${indent} * ${line}`.trimEnd());

/** The key pattern of a one-level map of strings, or undefined when the attribute is anything else. */
function stringMapKeyPattern(node: Schema): string | undefined {
  const patterns = Object.entries(node.patternProperties ?? {});
  if (node.type !== 'object' || node.properties || patterns.length !== 1) return undefined;
  const [pattern, value] = patterns[0] as [string, Schema];
  return value.type === 'string' ? pattern : undefined;
}

interface Attribute {
  readonly name: string;
  readonly description: string;
  readonly tsType: string;
  readonly init: string;
  readonly mapKeyPattern?: string;
}

function attribute(schema: Schema, name: string): Attribute {
  const node = resolve(schema, schema.properties[name]);
  const description = schema.properties[name].description ?? node.description;
  if (!description) throw new Error(`${schema.typeName}: read-only property ${name} has no description`);
  const getAtt = (hint: string) => `this.getAtt(${JSON.stringify(name)}, cdk.ResolutionTypeHint.${hint})`;
  switch (node.type) {
    case 'string':
      return { name, description, tsType: 'string', init: `cdk.Token.asString(${getAtt('STRING')})` };
    case 'integer':
    case 'number':
      return { name, description, tsType: 'number', init: `cdk.Token.asNumber(${getAtt('NUMBER')})` };
    case 'boolean':
      return { name, description, tsType: 'cdk.IResolvable', init: getAtt('STRING') };
    case 'object':
      return { name, description, tsType: 'cdk.IResolvable', init: `this.getAtt(${JSON.stringify(name)})`, mapKeyPattern: stringMapKeyPattern(node) };
    default:
      // cdk-import drops what it cannot type with a warning; a missing attribute would only show at deploy.
      throw new Error(`${schema.typeName}: read-only property ${name} has no attribute type for type ${JSON.stringify(node.type)}`);
  }
}

/**
 * `Outputs` -> `getOutput`: the getter of one entry of a map attribute. A name CfnResource already has
 * (`getMetadata`) takes a `Value` suffix.
 */
function mapGetterName(attr: Attribute): string {
  const name = `get${attr.name.replace(/s$/, '')}`;
  return name in CfnResource.prototype ? `${name}Value` : name;
}

function mapGetter(attr: Attribute, className: string): string[] {
  const method = mapGetterName(attr);
  const pattern = attr.mapKeyPattern!;
  return [
    '',
    '  /**',
    `   * One entry of ${attr.name}: \`Fn::GetAtt [<logical id>, ${attr.name}.<key>]\`, a string.`,
    '   *',
    `   * @param key the entry's key, matching ${pattern}`,
    '   */',
    `  public ${method}(key: string): string {`,
    `    if (!cdk.Token.isUnresolved(key) && !/${pattern}/.test(key)) {`,
    // aws-cdk-lib's ValidationError is @internal there, so not for another package to build on.
    `      throw new Error(\`\${this.node.path}: ${className}.${method}(\${JSON.stringify(key)}): the key must match ${pattern.replace(/\\/g, '\\\\')}\`);`,
    '    }',
    `    return cdk.Token.asString(this.getAtt(\`${attr.name}.\${key}\`, cdk.ResolutionTypeHint.STRING));`,
    '  }',
  ];
}

/**
 * json2jsii reads "Defaults to {}." as a default of "."; a default without a letter or digit says nothing. Its
 * eslint directives name style rules this repository does not load, which ESLint reports as errors.
 */
const tidy = (code: string) =>
  code.replace(/^\s*\* @default [^A-Za-z0-9\n]*\n/gm, '').replace(/^\/\* eslint-(disable|enable) [^\n]*\*\/\n/gm, '');

export function l1ClassTs(type: TypeFolder): string {
  const schema = type.schema;
  const className = l1ClassName(schema.typeName);
  const propsName = `${className}Props`;
  const readOnly = new Set<string>((schema.readOnlyProperties ?? []).map(propertyName));
  const writable = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !readOnly.has(name)));
  // Definitions are renamed with the class name before json2jsii names types after them (and enums after their
  // fields), so two types' Credentials cannot collide in the one barrel.
  const prefixed = (node: Schema) => prefixRefs(mapsFromPatterns(node), className) as Schema;
  const definitions = Object.fromEntries(Object.entries(schema.definitions ?? {}).map(([name, def]) => [`${className}${name}`, prefixed(def as Schema)]));
  const generator = TypeGenerator.forStruct(
    propsName,
    { type: 'object', description: `Properties of ${className} (\`${schema.typeName}\`).`, properties: prefixed(writable), required: schema.required ?? [] },
    { definitions, toJson: true, toJsonInternal: true },
  );
  const attributes = [...readOnly].map((name) => attribute(schema, name));

  return [
    `// Generated from resource-types/${basename(type.dir)}/${type.schemaFile} by \`npm run generate\` (tools/cdk-l1.ts). Do not edit: change the schema and regenerate.`,
    "import * as cdk from 'aws-cdk-lib';",
    "import { Construct } from 'constructs';",
    '',
    tidy(generator.render()).trim(),
    '',
    '/**',
    ...docLines(schema.description, ''),
    ' *',
    ` * The L1 class of the registry type \`${schema.typeName}\`, which must be registered in the account.`,
    ' *',
    ` * @cloudformationResource ${schema.typeName}`,
    ' */',
    `export class ${className} extends cdk.CfnResource {`,
    '  /** The CloudFormation resource type name of this resource class. */',
    `  public static readonly CFN_RESOURCE_TYPE_NAME = ${JSON.stringify(schema.typeName)};`,
    '',
    '  /** The props this resource was created with. */',
    `  public readonly props: ${propsName};`,
    ...attributes.flatMap((attr) => ['', '  /**', ...docLines(attr.description, '  '), '   *', `   * @cloudformationAttribute ${attr.name}`, '   */', `  public readonly attr${attr.name}: ${attr.tsType};`]),
    '',
    `  public constructor(scope: Construct, id: string, props: ${propsName}) {`,
    `    super(scope, id, { type: ${className}.CFN_RESOURCE_TYPE_NAME, properties: toJson_${propsName}(props) });`,
    '    this.props = props;',
    ...attributes.map((attr) => `    this.attr${attr.name} = ${attr.init};`),
    '  }',
    ...attributes.filter((attr) => attr.mapKeyPattern).flatMap((attr) => mapGetter(attr, className)),
    '}',
    '',
  ].join('\n');
}

import { TemplateError } from './template/diagnostic';
import { TemplatePath } from './template/path';

/** A parameter's declaration as CloudFormation reads it. */
export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly AllowedPattern?: string;
  readonly MinLength?: number;
  readonly MaxLength?: number;
  readonly MinValue?: number;
  readonly MaxValue?: number;
  readonly NoEcho?: boolean | string;
  readonly Description?: string;
  readonly ConstraintDescription?: string;
}

export interface ResolvedParameters {
  /** As Ref returns them: Number is text too (CloudFormation's documented behaviour), list types are lists of text. */
  readonly values: ReadonlyMap<string, string | readonly string[]>;
  /** NoEcho parameters, whose values displays and state show as `****`. */
  readonly noEcho: ReadonlySet<string>;
}

const DECLARATION_KEYS = new Set([
  'Type', 'Default', 'AllowedValues', 'AllowedPattern', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue', 'NoEcho', 'Description', 'ConstraintDescription',
]);

/** How a parameter type's values are read: one value or a comma-separated list, of text or numbers, or through SSM. */
interface TypeShape {
  readonly list: boolean;
  readonly number: boolean;
  /** `AWS::SSM::Parameter::Value<T>`: the given text names an SSM parameter whose value is the parameter's value. */
  readonly ssm: boolean;
}

const AWS_SPECIFIC = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+$/;
const AWS_SPECIFIC_LIST = /^List<AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+>$/;

function typeShape(type: string): TypeShape | undefined {
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  if (ssm) {
    const inner = ssm[1];
    if (inner === 'String' || AWS_SPECIFIC.test(inner)) return { list: false, number: false, ssm: true };
    if (inner === 'List<String>' || inner === 'CommaDelimitedList' || AWS_SPECIFIC_LIST.test(inner)) return { list: true, number: false, ssm: true };
    return undefined;
  }
  if (type === 'String') return { list: false, number: false, ssm: false };
  if (type === 'Number') return { list: false, number: true, ssm: false };
  if (type === 'List<Number>') return { list: true, number: true, ssm: false };
  if (type === 'CommaDelimitedList') return { list: true, number: false, ssm: false };
  // AWS-specific types (AWS::EC2::KeyPair::KeyName, List<AWS::EC2::Subnet::Id>) are text the local engine cannot look up.
  if (AWS_SPECIFIC_LIST.test(type)) return { list: true, number: false, ssm: false };
  if (AWS_SPECIFIC.test(type)) return { list: false, number: false, ssm: false };
  return undefined;
}

/** Reads an SSM parameter's value for `AWS::SSM::Parameter::Value<...>` parameters (the engine reads the local SSM). */
export type SsmParameterReader = (name: string, path: TemplatePath) => string;

/** Problems with the declarations themselves (an unknown type, a Default outside AllowedValues), for `orch validate`. */
export function checkParameterDeclarations(declarations: Record<string, unknown>): TemplateError[] {
  const errors: TemplateError[] = [];
  for (const [name, raw] of Object.entries(declarations)) {
    const path = ['Parameters', name];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push(new TemplateError(path, 'a parameter is a mapping with at least Type'));
      continue;
    }
    const declaration = raw as ParameterDeclaration;
    for (const key of Object.keys(declaration)) {
      if (!DECLARATION_KEYS.has(key)) errors.push(new TemplateError([...path, key], `unknown parameter attribute ${key}`));
    }
    if (typeof declaration.Type !== 'string') {
      errors.push(new TemplateError(path, 'the parameter has no Type'));
    } else if (!typeShape(declaration.Type)) {
      errors.push(new TemplateError([...path, 'Type'], `unsupported parameter type ${declaration.Type}`));
    } else if (declaration.Default !== undefined && typeShape(declaration.Type)?.ssm) {
      if (typeof declaration.Default !== 'string' || declaration.Default === '') {
        errors.push(new TemplateError([...path, 'Default'], 'the Default of an SSM parameter type is the name of an SSM parameter'));
      }
    } else if (declaration.Default !== undefined) {
      try {
        readValue(name, declaration, asText(declaration.Default), [...path, 'Default']);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        errors.push(e);
      }
    }
    if (declaration.AllowedPattern !== undefined) {
      try {
        new RegExp(String(declaration.AllowedPattern));
      } catch {
        errors.push(new TemplateError([...path, 'AllowedPattern'], `AllowedPattern is not a regular expression: ${declaration.AllowedPattern}`));
      }
    }
  }
  return errors;
}

/**
 * The values of every parameter from the given ones and the defaults, checked against their constraints.
 * Errors use CloudFormation's wording where it has one ("Parameters: [X] must have values").
 */
export function resolveParameters(
  declarations: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
  readSsmParameter?: SsmParameterReader,
): ResolvedParameters {
  const unknown = Object.keys(given).filter((name) => !(name in declarations));
  if (unknown.length > 0) throw new TemplateError(['Parameters'], `Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing = Object.entries(declarations)
    .filter(([name, d]) => given[name] === undefined && (d as ParameterDeclaration)?.Default === undefined)
    .map(([name]) => name);
  if (missing.length > 0) throw new TemplateError(['Parameters'], `Parameters: [${missing.join(', ')}] must have values`);
  const values = new Map<string, string | readonly string[]>();
  const noEcho = new Set<string>();
  for (const [name, raw] of Object.entries(declarations)) {
    const declaration = raw as ParameterDeclaration;
    const fromDefault = given[name] === undefined;
    const path = fromDefault ? ['Parameters', name, 'Default'] : ['Parameters', name];
    const text = fromDefault ? asText(declaration.Default) : given[name];
    values.set(name, typeShape(declaration.Type)?.ssm ? readFromSsm(name, declaration.Type, text, path, readSsmParameter) : readValue(name, declaration, text, path));
    if (declaration.NoEcho === true || declaration.NoEcho === 'true') noEcho.add(name);
  }
  return { values, noEcho };
}

function readFromSsm(name: string, type: string, parameterName: string, path: TemplatePath, read: SsmParameterReader | undefined): string | string[] {
  if (!read) throw new TemplateError(path, `Parameter '${name}' is read from the SSM parameter ${parameterName}, and no SSM lookup is configured`);
  const value = read(parameterName, path);
  return typeShape(type)?.list ? value.split(',') : value;
}

// YAML reads `Default: 3` as a number and `Default: [a, b]` as a list; CloudFormation takes both as their text.
function asText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function readValue(name: string, declaration: ParameterDeclaration, text: string, path: TemplatePath): string | string[] {
  const shape = typeShape(declaration.Type);
  if (!shape) throw new TemplateError([...path.slice(0, 2), 'Type'], `unsupported parameter type ${declaration.Type}`);
  const items = shape.list ? (text === '' ? [] : text.split(',')) : [text];
  for (const item of items) checkItem(name, declaration, item, shape.number, path);
  return shape.list ? items : text;
}

function checkItem(name: string, d: ParameterDeclaration, value: string, number: boolean, path: TemplatePath): void {
  const fail = (why: string): never => {
    throw new TemplateError(path, `Parameter '${name}' ${d.ConstraintDescription ? `failed to satisfy constraint: ${d.ConstraintDescription}` : why}`);
  };
  if (number && (value.trim() === '' || !Number.isFinite(Number(value)))) fail(`must be a number, not '${value}'`);
  if (d.AllowedValues && !d.AllowedValues.map(String).includes(value)) fail(`must be one of ${d.AllowedValues.join(', ')}, not '${value}'`);
  // CloudFormation matches AllowedPattern against the whole value.
  if (d.AllowedPattern !== undefined && !new RegExp(`^(?:${d.AllowedPattern})$`).test(value)) fail(`must match pattern ${d.AllowedPattern}`);
  if (d.MinLength !== undefined && value.length < Number(d.MinLength)) fail(`must be at least ${d.MinLength} characters long`);
  if (d.MaxLength !== undefined && value.length > Number(d.MaxLength)) fail(`must be at most ${d.MaxLength} characters long`);
  if (d.MinValue !== undefined && Number(value) < Number(d.MinValue)) fail(`must be at least ${d.MinValue}`);
  if (d.MaxValue !== undefined && Number(value) > Number(d.MaxValue)) fail(`must be at most ${d.MaxValue}`);
}

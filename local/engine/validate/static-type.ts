import { intrinsicCall } from '../intrinsics/names';
import { JsonType } from '../types/resource-type';
import { TemplateScope } from './scope';

/**
 * The JSON type an intrinsic call gives whatever the deployment, when that is known: Fn::Sub always gives text,
 * Fn::Split a list, a Ref the type of its parameter. Undefined for calls whose type depends on values (Fn::If,
 * Fn::Select, Fn::FindInMap), which validation then skips.
 */
export function staticType(value: unknown, scope: TemplateScope): JsonType | undefined {
  const call = intrinsicCall(value);
  if (!call) return undefined;
  switch (call.name) {
    case 'Fn::Sub':
    case 'Fn::Join':
    case 'Fn::Base64':
    case 'Fn::ImportValue':
      return 'string';
    case 'Fn::Split':
    case 'Fn::GetAZs':
      return 'array';
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return 'boolean';
    case 'Ref':
      return typeof call.args === 'string' ? refType(call.args, scope) : undefined;
    case 'Fn::GetAtt': {
      const parts = typeof call.args === 'string' ? [call.args.split('.')[0], call.args.slice(call.args.indexOf('.') + 1)] : call.args;
      if (!Array.isArray(parts) || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') return undefined;
      return scope.typeOf(parts[0])?.attributeType(parts[1]);
    }
    default:
      return undefined;
  }
}

function refType(name: string, scope: TemplateScope): JsonType | undefined {
  if (name === 'AWS::NotificationARNs') return 'array';
  if (name === 'AWS::NoValue') return undefined;
  if (name.startsWith('AWS::')) return 'string';
  const parameter = scope.parameters[name];
  if (parameter) {
    const type = String(parameter.Type);
    if (type.startsWith('List<') || type === 'CommaDelimitedList') return 'array';
    // Ref gives a Number parameter as text, and CloudFormation converts it where the schema wants a number
    // (`MemorySize: !Ref Memory`), so either type may be right.
    return type === 'Number' ? undefined : 'string';
  }
  return name in scope.resources ? 'string' : undefined;
}

/** A value of the type, for ajv to check the type against the schema (its other keywords are skipped there). */
export function placeholder(type: JsonType): unknown {
  const values: Record<JsonType, unknown> = { string: '', number: 0, integer: 0, boolean: false, object: {}, array: [], null: null };
  return values[type];
}

/** A JSON schema type in the words the other messages use: `a list`, `a mapping`, `an integer`. */
export function describeType(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : type === 'integer' ? 'an integer' : `a ${type}`;
}

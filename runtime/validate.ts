import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { invalidRequest } from './errors';
import { rejectIllFormedStrings } from './well-formed';

const compiled = new WeakMap<object, ValidateFunction>();

/** The resource schema as a plain JSON schema: the CloudFormation-only keywords are ignored. */
function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // verbose: pattern errors quote the offending value, which Ajv only records in verbose mode.
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    const { typeName, description, properties, definitions, required, additionalProperties, oneOf } = schema as Record<string, unknown>;
    validate = ajv.compile({ $id: `urn:${typeName}`, description, type: 'object', properties, definitions, required, additionalProperties, ...(oneOf ? { oneOf } : {}) });
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * The schema's top-level `oneOf` of `required` lists (the form the resource schema allows there: give exactly one of
 * these properties), as a message naming them; undefined for any other `oneOf`, which keeps Ajv's words.
 */
function describeAlternatives(error: ErrorObject): string | undefined {
  const alternatives = (error.schema as { required?: string[] }[]).map((alternative) => alternative.required);
  if (error.instancePath !== '' || !alternatives.every((names) => Array.isArray(names) && names.length > 0)) return undefined;
  const names = alternatives.map((list) => list!.join(' and ')).join(' or ');
  const several = alternatives.length === 2 ? 'both' : 'several';
  return error.params.passingSchemas ? `${names}: give one, not ${several}` : `${names}: one is required, none is given`;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'oneOf') {
    const alternatives = describeAlternatives(error);
    if (alternatives) return alternatives;
  }
  const at = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at ? `${at}.` : ''}${error.params.additionalProperty}: unknown property`;
    case 'required':
      return `${at ? `${at}.` : ''}${error.params.missingProperty}: required property is missing`;
    case 'pattern':
      return `${at}: '${String(error.data).slice(0, 200)}' does not match ${error.params.pattern}`;
    case 'enum':
      return `${at}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${at || '(properties)'}: ${error.message}`;
  }
}

/**
 * Checks resource properties against the type's schema and throws InvalidRequest naming every property at fault.
 * CloudFormation validates templates too, but the handler must not trust that (the contract suite sends invalid input).
 */
export function validateProperties(schema: object, properties: unknown): void {
  rejectIllFormedStrings(properties);
  const validate = compile(schema);
  if (validate(properties ?? {})) return;
  // The missing properties of a top-level oneOf's alternatives are said once, by describeAlternatives.
  const said = (e: ErrorObject) => e.keyword === 'if' || (e.keyword === 'required' && e.schemaPath.startsWith('#/oneOf/'));
  const problems = [...new Set((validate.errors ?? []).filter((e) => !said(e)).map(describe))];
  throw invalidRequest(`Invalid properties: ${problems.join('; ')}`);
}

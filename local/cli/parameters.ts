import { readFileSync } from 'node:fs';

/** A command line the CLI cannot run: printed as is, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--parameters K=V ...`: the value is everything after the first `=`, so values may hold `=` (a query string, base64). */
export function parseParameterArgs(args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameters: '${arg}' is not KEY=VALUE (put the template before --parameters, or use --parameters-file)`);
    values[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return values;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // CommaDelimitedList parameters are strings in CloudFormation too; a list here is the same value, joined.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
  throw new UsageError(`${where}: a parameter value is a string, number, boolean or list of them`);
}

/**
 * `--parameters-file FILE`: JSON, either `{"Key": "value"}` or the list `aws cloudformation create-stack
 * --parameters file://...` takes, `[{"ParameterKey": "Key", "ParameterValue": "value"}]`.
 */
export function readParametersFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--parameters-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--parameters-file: ${file} is not JSON (${(e as Error).message})`);
  }
  if (Array.isArray(body)) {
    return Object.fromEntries(
      body.map((entry, i) => {
        const where = `${file}[${i}]`;
        if (!entry || typeof entry !== 'object' || typeof entry.ParameterKey !== 'string' || !('ParameterValue' in entry)) {
          throw new UsageError(`${where}: expected {"ParameterKey": ..., "ParameterValue": ...}`);
        }
        return [entry.ParameterKey, scalar(entry.ParameterValue, `${where}.ParameterValue`)];
      }),
    );
  }
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, scalar(v, `${file}: ${k}`)]));
  throw new UsageError(`--parameters-file: ${file} holds neither {"Key": "value"} nor [{"ParameterKey", "ParameterValue"}]`);
}

/** CloudFormation's stack name rule, checked before anything touches the state directory (the name is a folder there). */
export function checkStackName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
    throw new UsageError(`--stack: '${name}' is not a stack name (a letter, then letters, digits and hyphens, at most 128)`);
  }
  return name;
}

/** The intrinsic functions the engine evaluates (Condition is a condition function, handled in conditions.ts). */
export const INTRINSIC_NAMES = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::ImportValue',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Base64',
] as const;

export type IntrinsicName = (typeof INTRINSIC_NAMES)[number];

const known = new Set<string>(INTRINSIC_NAMES);

/** A single-key object whose key is `Ref` or `Fn::*`: an intrinsic call (known or not) rather than data. */
export interface IntrinsicCall {
  readonly name: string;
  readonly args: unknown;
  readonly known: boolean;
}

export function intrinsicCall(value: unknown): IntrinsicCall | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = keys[0];
  if (name !== 'Ref' && !name.startsWith('Fn::')) return undefined;
  return { name, args: (value as Record<string, unknown>)[name], known: known.has(name) };
}

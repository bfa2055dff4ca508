const SECRET_KEY = /secret|password|token|credential|authorization|session/i;

/** A copy safe to log: values under secret-looking keys become '<redacted>', at any depth. */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redact(v)) as unknown as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? '<redacted>' : redact(v);
  }
  return out as T;
}

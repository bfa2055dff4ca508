import { DEFAULT_POLICY } from './backoff';
import { ENV } from './contract';

/** A positive number from the environment, or the default when unset; a malformed value is a deployment error, so it throws. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Environment variable ${name} must be a positive number, got '${raw}'`);
  }
  return value;
}

export function pollWindowSeconds(): number {
  return numberFromEnv(ENV.pollWindowSeconds, DEFAULT_POLICY.windowSeconds);
}

import { ConfigError } from './config';

/**
 * An integer setting of a module that reads its own tuning from the environment (enrichment,
 * webhooks): the default when unset or empty, else a ConfigError that names the variable.
 */
export function envInt(env: Record<string, string | undefined>, name: string, spec: { fallback: number; min: number; max?: number }): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return spec.fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < spec.min || (spec.max !== undefined && n > spec.max)) {
    const range = spec.max === undefined ? `≥ ${spec.min}` : `≥ ${spec.min} and ≤ ${spec.max}`;
    throw new ConfigError(`Invalid configuration: ${name}: must be an integer ${range} (got "${raw}")`);
  }
  return n;
}

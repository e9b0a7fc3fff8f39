import { envInt } from '../config/env-int';

/** Enrichment tuning from the environment, validated once (a bad value names its variable). */
export interface EnrichSettings {
  /** Quiet period after the last new email before a connection's batch goes to the provider. */
  windowMs: number;
  /** Longest a batch keeps gathering emails while new ones keep arriving. */
  maxWaitMs: number;
  /** How long an answer that found someone is reused; 0 turns the cache off. */
  cacheTtlMs: number;
  /** How long "nobody has this email" is reused (shorter: the person may be created any moment). */
  missTtlMs: number;
  /** Owners and field catalogs change rarely. */
  ownerTtlMs: number;
  fieldsTtlMs: number;
}

const VARS = {
  ENRICH_WINDOW_MS: { default: 5, max: 1000, scale: 1 },
  ENRICH_MAX_WAIT_MS: { default: 100, max: 5000, scale: 1 },
  ENRICH_CACHE_TTL_SECONDS: { default: 60, max: 86_400, scale: 1000 },
  ENRICH_MISS_TTL_SECONDS: { default: 10, max: 86_400, scale: 1000 },
  ENRICH_OWNER_TTL_SECONDS: { default: 600, max: 86_400, scale: 1000 },
  FIELDS_CACHE_TTL_SECONDS: { default: 300, max: 86_400, scale: 1000 },
} as const;

export function enrichSettings(env: Record<string, string | undefined>): EnrichSettings {
  const read = (name: keyof typeof VARS): number => {
    const spec = VARS[name];
    return envInt(env, name, { fallback: spec.default, min: 0, max: spec.max }) * spec.scale;
  };
  const cacheTtlMs = read('ENRICH_CACHE_TTL_SECONDS');
  return {
    windowMs: read('ENRICH_WINDOW_MS'),
    maxWaitMs: Math.max(read('ENRICH_MAX_WAIT_MS'), read('ENRICH_WINDOW_MS')),
    cacheTtlMs,
    // With the cache off, misses are not kept either.
    missTtlMs: cacheTtlMs === 0 ? 0 : read('ENRICH_MISS_TTL_SECONDS'),
    ownerTtlMs: read('ENRICH_OWNER_TTL_SECONDS'),
    fieldsTtlMs: read('FIELDS_CACHE_TTL_SECONDS'),
  };
}

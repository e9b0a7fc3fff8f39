import { envInt } from '../config/env-int';

/** Write-back retry tuning from the environment, validated once (a bad value names its variable). */
export interface WriteBackSettings {
  /** How often a process looks for due write-backs. */
  intervalMs: number;
  /** First retry delay; doubled per attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one process holds a write-back while it works on it (another takes over after). */
  leaseMs: number;
  /** Retries stop after this long since the booking (then route.write_back_failed). */
  windowMs: number;
}

export function writeBackSettings(env: Record<string, string | undefined>): WriteBackSettings {
  return {
    intervalMs: envInt(env, 'WRITE_BACK_INTERVAL_MS', { fallback: 30_000, min: 10, max: 3_600_000 }),
    baseDelayMs: envInt(env, 'WRITE_BACK_RETRY_BASE_MS', { fallback: 30_000, min: 1, max: 3_600_000 }),
    maxDelayMs: 3_600_000,
    leaseMs: envInt(env, 'WRITE_BACK_LEASE_MS', { fallback: 60_000, min: 1000, max: 3_600_000 }),
    windowMs: 24 * 3_600_000,
  };
}

/** When to try again after `attempts` failures: capped exponential backoff with ±20 % jitter. */
export function nextRetryAt(attempts: number, nowMs: number, s: WriteBackSettings, random = Math.random): number {
  const base = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return nowMs + Math.round(base * (0.8 + 0.4 * random()));
}

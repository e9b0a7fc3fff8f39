import { envInt } from '../config/env-int';

/**
 * How often polled resources are swept (API.md § Change events): SYNC_INTERVAL_SECONDS, 300 by
 * default. Test mode accepts 1 and up (tests, the sandboxes); a live connection is never swept more
 * often than every 30 s whatever the setting, so a low value cannot spend a customer's API budget.
 */
export interface SyncSettings { testIntervalMs: number; liveIntervalMs: number }

export const LIVE_MIN_INTERVAL_SECONDS = 30;

export function syncSettings(env: Record<string, string | undefined>): SyncSettings {
  const seconds = envInt(env, 'SYNC_INTERVAL_SECONDS', { fallback: 300, min: 1, max: 86_400 });
  return { testIntervalMs: seconds * 1000, liveIntervalMs: Math.max(seconds, LIVE_MIN_INTERVAL_SECONDS) * 1000 };
}

import type { WebhookSettings } from './webhook-settings';

/**
 * When to try a failed delivery again: capped exponential backoff with ±20 % jitter (so a fleet
 * of failing receivers is not retried in lock-step), or null once the retry window since the
 * event was created is spent.
 */
export function nextAttemptAt(attempts: number, createdAtMs: number, nowMs: number, s: WebhookSettings, random = Math.random): number | null {
  const base = Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  const delay = Math.round(base * (0.8 + 0.4 * random()));
  const at = nowMs + delay;
  return at - createdAtMs > s.retryWindowMs ? null : at;
}

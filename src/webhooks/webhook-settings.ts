import { readFileSync } from 'node:fs';
import { envInt } from '../config/env-int';
import { ConfigError } from '../config/config';

/**
 * Delivery tuning, read from the environment (tests shorten the delays). Defaults: poll every
 * second, first retry after 10 s, doubling up to 1 h, giving up after 72 h (API.md asks for at
 * least 24 h, so a smaller window is refused).
 */
export interface WebhookSettings {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  retryWindowMs: number;
  timeoutMs: number;
  batchSize: number;
  /** PEM certificate(s) trusted for https receivers besides the default roots (WEBHOOK_CA_FILE), or null. */
  ca: string | null;
}

const HOUR = 3_600_000;

export function webhookSettings(env: Record<string, string | undefined>): WebhookSettings {
  return {
    pollMs: envInt(env, 'WEBHOOK_POLL_MS', { fallback: 1000, min: 10 }),
    retryBaseMs: envInt(env, 'WEBHOOK_RETRY_BASE_MS', { fallback: 10_000, min: 1 }),
    retryMaxMs: envInt(env, 'WEBHOOK_RETRY_MAX_MS', { fallback: HOUR, min: 1 }),
    retryWindowMs: envInt(env, 'WEBHOOK_RETRY_WINDOW_HOURS', { fallback: 72, min: 24 }) * HOUR,
    timeoutMs: envInt(env, 'WEBHOOK_TIMEOUT_MS', { fallback: 10_000, min: 100 }),
    batchSize: 20,
    ca: readCaFile(env.WEBHOOK_CA_FILE),
  };
}

function readCaFile(file: string | undefined): string | null {
  if (!file) return null;
  let pem: string;
  try { pem = readFileSync(file, 'utf8'); } catch (err) {
    throw new ConfigError(`Invalid configuration: WEBHOOK_CA_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(`Invalid configuration: WEBHOOK_CA_FILE: ${file} holds no PEM certificate`);
  return pem;
}

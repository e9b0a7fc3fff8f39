import { envInt } from '../config/env-int';

/** Record events' tuning. Retention: at least 30 days (API.md § Change events), 30 by default. */
export interface EventsSettings { retentionMs: number }

const DAY = 86_400_000;

export function eventsSettings(env: Record<string, string | undefined>): EventsSettings {
  return { retentionMs: envInt(env, 'EVENTS_RETENTION_DAYS', { fallback: 30, min: 30 }) * DAY };
}

import { createHash } from 'node:crypto';

/**
 * What identifies one change of one record, whichever source saw it: the provider's version of
 * the record where it has one, else its update time, else (neither given) the record's content.
 * A deletion is one change whatever time each source reports for it (the gateway's delete and the
 * provider's webhook about it must meet on one id), so its marker carries no time.
 */
export type ChangeMarker = { deleted: true } | { version: string } | { updatedAt: string } | { content: unknown };

export function changeMarker(record: Record<string, unknown> | null): ChangeMarker {
  if (record === null) return { deleted: true };
  if (typeof record.version === 'string' && record.version !== '') return { version: record.version };
  if (typeof record.updatedAt === 'string' && record.updatedAt !== '') return { updatedAt: new Date(Date.parse(record.updatedAt)).toISOString() };
  const { remoteData: _raw, ...content } = record;
  return { content };
}

/** `evt_` + a hash of (connection, resource, record id, marker): stable across sources, retries and processes. */
export function recordEventId(connectionId: string, resource: string, recordId: string, marker: ChangeMarker): string {
  return `evt_${digest([connectionId, resource, recordId, canonical(marker)])}`;
}

/** A delivery of one event to one webhook: derived, so recording the event again adds no second one. */
export function deliveryId(eventId: string, webhookId: string): string {
  return `del_${digest([eventId, webhookId])}`;
}

function digest(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted, so equal content gives one string whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

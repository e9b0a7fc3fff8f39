import { createHash } from 'node:crypto';

/**
 * What identifies one change of one record, whichever source saw it (the gateway's write answer,
 * the record a provider webhook made the gateway read back, a polled row):
 * - the provider's version of the record where it has one (a version names exactly one change);
 * - else its update time AND its content. The time alone is not enough: some providers keep update
 *   times to the whole second, so a create and an edit, or two edits, in one second would share an
 *   id and the later change would be dropped. The content
 *   alone is not enough either (an edit back to an earlier state is a new change). Together they
 *   differ for every distinct change, while every source still sees the same pair for the same
 *   change: the content is the unified record (what the account sees, so the same whichever
 *   source read it) minus what sources report differently for one state (see NOT_CONTENT);
 * - else the content alone.
 * Left over: two changes in one second of a coarse clock that differ only in custom fields, or
 * that go A → B → A, are one id (the last state is delivered).
 * A deletion is one change whatever time each source reports for it (the gateway's delete and the
 * provider's webhook about it must meet on one id), so its marker carries no time.
 */
export type ChangeMarker = { deleted: true } | { version: string } | { updatedAt: string; content: string } | { content: string };

/**
 * Not part of a change's content: remoteData (the raw answer, which differs between a write answer,
 * a GET and a list row); updatedAt and version (the marker's own time and version, normalized
 * there); customFields (which provider fields a read includes depends on the path: unified routes
 * and provider webhooks ask for the account's mapped fields, polling and route-and-book do not).
 */
const NOT_CONTENT: ReadonlySet<string> = new Set(['remoteData', 'updatedAt', 'version', 'customFields']);

export function changeMarker(record: Record<string, unknown> | null): ChangeMarker {
  if (record === null) return { deleted: true };
  if (typeof record.version === 'string' && record.version !== '') return { version: record.version };
  const content = contentDigest(record);
  if (typeof record.updatedAt === 'string' && record.updatedAt !== '' && Number.isFinite(Date.parse(record.updatedAt))) {
    return { updatedAt: new Date(Date.parse(record.updatedAt)).toISOString(), content };
  }
  return { content };
}

/** A digest of the record's canonical content: key order, absent (undefined) keys and time formats aside. */
export function contentDigest(record: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(record).filter(([k]) => !NOT_CONTENT.has(k)));
  return digest([canonical(content)]);
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

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * JSON with object keys sorted, so equal content gives one string whatever the key order; a
 * timestamp is its instant (one source's `…+0000` and another's `….000Z` are one time).
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  if (typeof value === 'string' && ISO_TIME.test(value) && Number.isFinite(Date.parse(value))) return JSON.stringify(new Date(Date.parse(value)).toISOString());
  return JSON.stringify(value) ?? 'null';
}

import { CONNECTION_EVENTS } from '../connections/connection-events';

/**
 * The record events of API.md § Change events: what changed in an end user's system, whichever
 * source saw it. A meeting's cancellation and reschedule are their own types, never an update.
 */
export const RECORD_EVENTS = [
  'contact.created', 'contact.updated', 'contact.deleted',
  'lead.created', 'lead.updated', 'lead.deleted',
  'meeting.created', 'meeting.updated', 'meeting.cancelled', 'meeting.rescheduled', 'meeting.deleted',
] as const;
export type RecordEventType = (typeof RECORD_EVENTS)[number];

/** The resources that have record events, by their route's plural name (`data.resource`). */
export const EVENT_RESOURCES = ['contacts', 'leads', 'meetings'] as const;
export type EventResource = (typeof EVENT_RESOURCES)[number];

/** Who saw the change: the gateway's own write, the provider's webhook, or a polling sweep. */
export type EventSource = 'gateway' | 'provider_webhook' | 'poll';

export const EVENT_PREFIX: Record<EventResource, 'contact' | 'lead' | 'meeting'> = { contacts: 'contact', leads: 'lead', meetings: 'meeting' };

/** Route-and-book: a write-back the gateway gave up on after 24 h of retries (src/routing). */
export const ROUTE_EVENTS = ['route.write_back_failed'] as const;

const ALL_TYPES: readonly string[] = [...CONNECTION_EVENTS, ...RECORD_EVENTS, ...ROUTE_EVENTS];

/** `*` (every event) and `<prefix>.*` for each family of types: `connection.*`, `contact.*`, … */
export const EVENT_WILDCARDS: readonly string[] = ['*', ...new Set(ALL_TYPES.map((t) => `${t.split('.')[0]}.*`))];

/** What `POST /v1/webhooks` `events` accepts (its enum, so anything else is 400 INVALID_INPUT). */
export const SUBSCRIBABLE_EVENTS: readonly string[] = [...ALL_TYPES, ...EVENT_WILDCARDS];

/** The record event types a pattern (exact type, `<prefix>.*` or `*`) stands for; the feed's `type` filter. */
export function recordTypesMatching(pattern: string): RecordEventType[] {
  if (pattern === '*') return [...RECORD_EVENTS];
  if (pattern.endsWith('.*')) return RECORD_EVENTS.filter((t) => t.startsWith(pattern.slice(0, -1)));
  return RECORD_EVENTS.filter((t) => t === pattern);
}

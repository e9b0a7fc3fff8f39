import { safeEqual, type ProviderWebhooks, type WebhookChange, type WebhookChangeKind, type WebhookRequest, type WebhookResource } from '../../../src/provider-sdk';
import { MAX_AGE_MS, SIGNATURE_HEADER, signV3, TIMESTAMP_HEADER } from './signature';

/**
 * HubSpot webhooks (reference/providers.md §1.8): app-level subscriptions, so signed with the
 * app's client secret and configured in the app (no per-connection subscribe). A delivery is a
 * JSON array of events; `portalId` is the connection's providerAccountId (the identify hook's).
 */
interface HubspotEvent {
  eventId?: number | string;
  portalId?: number | string;
  objectId?: number | string;
  objectTypeId?: string;
  subscriptionType?: string;
  occurredAt?: number;
  mergedObjectIds?: (number | string)[];
}

/** contact.* names its object; object.* (leads, meetings: UNCONFIRMED that HubSpot sends them) names it by objectTypeId. */
const OBJECT_TYPES: Record<string, WebhookResource> = { '0-1': 'contacts', '0-136': 'leads', '0-47': 'meetings' };

const KINDS: Record<string, WebhookChangeKind> = {
  creation: 'created', propertyChange: 'updated', restore: 'updated', associationChange: 'updated',
  deletion: 'deleted', privacyDeletion: 'deleted', merge: 'updated',
};

function events(request: WebhookRequest): HubspotEvent[] {
  const body = JSON.parse(request.rawBody) as unknown;
  return Array.isArray(body) ? body.filter((e): e is HubspotEvent => e !== null && typeof e === 'object') : [];
}

function resourceOf(e: HubspotEvent): WebhookResource | null {
  const [family] = (e.subscriptionType ?? '').split('.');
  if (family === 'contact') return 'contacts';
  if (family === 'object') return OBJECT_TYPES[String(e.objectTypeId)] ?? null;
  return null;
}

export function verify(request: WebhookRequest, secret: string, now: Date): boolean {
  const signature = request.headers[SIGNATURE_HEADER];
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (!signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp)) > MAX_AGE_MS) return false;
  return safeEqual(signature, signV3(secret, { method: request.method, url: request.url, rawBody: request.rawBody, timestamp }));
}

/** One change per record and kind (a PATCH of three properties is three propertyChange events, one change). */
export function parse(request: WebhookRequest): WebhookChange[] {
  const out = new Map<string, WebhookChange>();
  const add = (c: WebhookChange): void => { out.set(`${c.providerAccountId}|${c.resource}|${c.recordId}|${c.change}`, c); };
  for (const e of events(request)) {
    const resource = resourceOf(e);
    const kind = KINDS[(e.subscriptionType ?? '').split('.')[1] ?? ''];
    if (!resource || !kind || e.portalId === undefined || e.objectId === undefined) continue;
    const occurredAt = typeof e.occurredAt === 'number' ? new Date(e.occurredAt).toISOString() : null;
    const base = { providerAccountId: String(e.portalId), resource, occurredAt };
    add({ ...base, recordId: String(e.objectId), change: kind });
    // A merge keeps objectId and removes the records merged into it.
    for (const gone of e.mergedObjectIds ?? []) if (String(gone) !== String(e.objectId)) add({ ...base, recordId: String(gone), change: 'deleted' });
  }
  return [...out.values()];
}

/** HubSpot's retries repeat the events' ids: the sorted ids name the delivery. */
export function deliveryId(request: WebhookRequest): string | null {
  const ids = events(request).map((e) => e.eventId).filter((id) => id !== undefined).map(String).sort();
  return ids.length > 0 ? ids.join(',') : null;
}

export const hubspotWebhooks: ProviderWebhooks = { secretSource: 'oauth_client', verify, parse, deliveryId };

import { safeEqual, type AdapterContext, type ProviderWebhooks, type WebhookChange, type WebhookChangeKind, type WebhookRequest } from '../../../src/provider-sdk';
import { MAX_AGE_SECONDS, parseSignatureHeader, signature, SIGNATURE_HEADER } from './signature';

/**
 * 42min booking webhooks (seed 003: booking.updated with changed_fields for a PATCH; booking.rescheduled;
 * booking.canceled — "no booking.rescheduled or booking.canceled fires for a PATCH"). The envelope,
 * the account id in it, the registration endpoint and the signature are UNCONFIRMED (../README.md):
 * `{ id, type, created_at, account_id, data: <booking> }`, registered per account at
 * POST /v1/webhooks with a secret the gateway chose.
 */
interface Delivery { id?: unknown; type?: unknown; created_at?: unknown; account_id?: unknown; data?: { uid?: unknown; rescheduled_from_uid?: unknown } }

/** Subscription names (seed 003: "subscribe with booking_updated"). */
export const SUBSCRIBED = ['booking_created', 'booking_updated', 'booking_rescheduled', 'booking_canceled'];

const KINDS: Record<string, WebhookChangeKind> = {
  'booking.created': 'created', 'booking.updated': 'updated', 'booking.rescheduled': 'rescheduled',
  // The seed spells it booking.canceled; the British spelling is accepted as the same event.
  'booking.canceled': 'cancelled', 'booking.cancelled': 'cancelled',
};

function delivery(request: WebhookRequest): Delivery {
  const body = JSON.parse(request.rawBody) as unknown;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Delivery : {};
}

export function accountsOf(request: WebhookRequest): string[] {
  const account = delivery(request).account_id;
  return typeof account === 'string' && account !== '' ? [account] : [];
}

export function verify(request: WebhookRequest, secret: string, now: Date): boolean {
  const header = request.headers[SIGNATURE_HEADER];
  const parsed = header ? parseSignatureHeader(header) : null;
  if (!parsed || Math.abs(now.getTime() / 1000 - parsed.timestamp) > MAX_AGE_SECONDS) return false;
  const expected = signature(secret, parsed.timestamp, request.rawBody);
  // Every v1 is compared (a provider rotating its secret sends two); no early exit on a match.
  return parsed.v1.map((v) => safeEqual(v, expected)).includes(true);
}

export function parse(request: WebhookRequest): WebhookChange[] {
  const d = delivery(request);
  const kind = typeof d.type === 'string' ? KINDS[d.type] : undefined;
  const account = accountsOf(request)[0];
  const uid = d.data?.uid;
  if (!kind || !account || typeof uid !== 'string' || uid === '') return [];
  const from = d.data?.rescheduled_from_uid;
  return [{
    providerAccountId: account, resource: 'meetings', recordId: uid, change: kind,
    occurredAt: typeof d.created_at === 'string' ? d.created_at : null,
    // In place (42min's reschedule keeps the uid): null; a new booking names the one it replaced.
    ...(kind === 'rescheduled' ? { rescheduledFromId: typeof from === 'string' && from !== uid ? from : null } : {}),
  }];
}

export function deliveryId(request: WebhookRequest): string | null {
  const id = delivery(request).id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Registers (or, same URL, replaces) the account's webhook to the gateway. */
export async function subscribe(ctx: AdapterContext, target: { url: string; secret: string }): Promise<void> {
  await ctx.http.json({ method: 'POST', path: '/v1/webhooks', body: { url: target.url, events: SUBSCRIBED, secret: target.secret } });
}

export const fortyTwoMinWebhooks: ProviderWebhooks = { secretSource: 'subscription', accountsOf, verify, parse, deliveryId, subscribe };

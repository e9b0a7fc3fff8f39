import { createHmac } from 'node:crypto';
import {
  safeEqual, type AdapterContext, type ProviderWebhooks, type WebhookChange, type WebhookChangeKind, type WebhookRequest, type WebhookResource,
} from '../../../src/provider-sdk';

/**
 * Schedly webhooks (seed 002 "Webhooks"): body `{ triggerEvent, createdAt, payload }`,
 * `X-Schedly-Signature` = hex HMAC-SHA256 of the raw body with the webhook's secret. The body names
 * no account, so the gateway registers its URL with `?account=<providerAccountId>` (the /me
 * username) and derives the secret per account: an altered account parameter fails the signature.
 * Registration by API is UNCONFIRMED (the sandbox's POST /api/webhooks, ../README.md).
 */
export const SIGNATURE_HEADER = 'x-schedly-signature';
export const SUBSCRIBED = [
  'SERVICE_BOOKING_CREATED', 'SERVICE_BOOKING_UPDATED', 'SERVICE_BOOKING_CANCELLED', 'SERVICE_BOOKING_COMPLETED',
  'CUSTOMER_CREATED', 'CUSTOMER_UPDATED', 'CUSTOMER_DELETED',
];

const EVENTS: Record<string, { resource: WebhookResource; change: WebhookChangeKind }> = {
  SERVICE_BOOKING_CREATED: { resource: 'meetings', change: 'created' },
  SERVICE_BOOKING_UPDATED: { resource: 'meetings', change: 'updated' },
  SERVICE_BOOKING_COMPLETED: { resource: 'meetings', change: 'updated' },
  SERVICE_BOOKING_CANCELLED: { resource: 'meetings', change: 'cancelled' },
  CUSTOMER_CREATED: { resource: 'contacts', change: 'created' },
  CUSTOMER_UPDATED: { resource: 'contacts', change: 'updated' },
  CUSTOMER_DELETED: { resource: 'contacts', change: 'deleted' },
};

interface Delivery { triggerEvent?: unknown; createdAt?: unknown; payload?: { id?: unknown } }

export const signBody = (rawBody: string, secret: string): string => createHmac('sha256', secret).update(rawBody).digest('hex');

export function accountsOf(request: WebhookRequest): string[] {
  let account: string | null = null;
  try { account = new URL(request.url).searchParams.get('account'); } catch { account = null; }
  return account ? [account] : [];
}

export function verify(request: WebhookRequest, secret: string): boolean {
  const given = request.headers[SIGNATURE_HEADER];
  return typeof given === 'string' && given !== '' && safeEqual(given.toLowerCase(), signBody(request.rawBody, secret));
}

export function parse(request: WebhookRequest): WebhookChange[] {
  const body = JSON.parse(request.rawBody) as Delivery;
  const event = typeof body?.triggerEvent === 'string' ? EVENTS[body.triggerEvent] : undefined;
  const id = body?.payload?.id;
  const account = accountsOf(request)[0];
  if (!event || !account || (typeof id !== 'number' && typeof id !== 'string') || String(id) === '') return [];
  return [{
    providerAccountId: account, ...event, recordId: String(id),
    occurredAt: typeof body.createdAt === 'string' ? body.createdAt : null,
  }];
}

interface Hook { subscriberUrl?: string }

/** Registers the gateway's URL for this account unless it already is (same URL and secret: nothing to change). */
export async function subscribe(ctx: AdapterContext, target: { url: string; secret: string }): Promise<void> {
  const url = new URL(target.url);
  url.searchParams.set('account', ctx.connection.providerAccountId ?? '');
  const existing = (await ctx.http.json<{ data?: Hook[] }>({ method: 'GET', path: '/api/webhooks' })).data ?? [];
  if (existing.some((h) => h.subscriberUrl === url.toString())) return;
  await ctx.http.json({ method: 'POST', path: '/api/webhooks', body: { subscriberUrl: url.toString(), eventTriggers: SUBSCRIBED, secret: target.secret } });
}

export const schedlyWebhooks: ProviderWebhooks = { secretSource: 'subscription', accountsOf, verify, parse, subscribe };

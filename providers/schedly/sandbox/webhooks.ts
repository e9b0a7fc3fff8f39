import type Router from '@koa/router';
import { readJson, sandboxWebhooks, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError, sendData } from './envelope';
import { iso, type AccountState, type JsonObject, type Webhook } from './model';
import { requiredIdParam } from './query';
import { signBody } from '../webhooks';
import { Checks, requireObject } from './validate';

/**
 * Seed 002 "Webhooks": body `{ triggerEvent, createdAt, payload }`, and with a secret an
 * `X-Schedly-Signature` header, the hex HMAC-SHA256 of the raw body. Registration by API is not in
 * the seed (UNCONFIRMED): POST /api/webhooks `{ subscriberUrl, eventTriggers, secret? }`, GET, and
 * DELETE ?id=. Delivery is fire-and-forget over HTTP with a short timeout and no redirects: the
 * sandbox never waits for, retries or reports a delivery.
 */
export const SEED_EVENTS = [
  'BOOKING_CREATED', 'BOOKING_RESCHEDULED', 'BOOKING_CANCELLED', 'BOOKING_CONFIRMED', 'BOOKING_REJECTED', 'BOOKING_PAID',
  'BOOKING_PAYMENT_INITIATED', 'BOOKING_NO_SHOW_UPDATED', 'BOOKING_REQUESTED', 'MEETING_STARTED', 'MEETING_ENDED',
  'MEETING_URL_CHANGED', 'RECORDING_READY', 'RECORDING_TRANSCRIPTION_GENERATED', 'INSTANT_MEETING', 'FORM_SUBMITTED',
  'OOO_CREATED', 'SERVICE_BOOKING_CREATED', 'SERVICE_BOOKING_UPDATED', 'SERVICE_BOOKING_CANCELLED', 'SERVICE_BOOKING_COMPLETED',
] as const;
/** Not in the seed at all: customer writes. */
export const CUSTOMER_EVENTS = ['CUSTOMER_CREATED', 'CUSTOMER_UPDATED', 'CUSTOMER_DELETED'] as const;
const EVENTS = new Set<string>([...SEED_EVENTS, ...CUSTOMER_EVENTS]);

export const DELIVERY_TIMEOUT_MS = 3000;
/**
 * Registration refuses literal link-local / cloud-metadata hosts at once (a clear 422); every
 * delivery then goes through the kit's sender, which holds the gateway's test-mode address policy
 * on the address actually connected to (loopback yes; private, link-local, reserved no).
 */
const LINK_LOCAL = /^(169\.254\.|\[fe80:|metadata\.google\.internal$|metadata$)/i;

// One signing rule for the sandbox and the adapter's verify.
export { signBody };

/** Sends `event` to every active subscriber of the account that asked for it. */
export function emit(state: AccountState, nowMs: number, event: string, payload: JsonObject): void {
  for (const hook of state.webhooks.values()) {
    if (!hook.active || !hook.eventTriggers.includes(event)) continue;
    const body = JSON.stringify({ triggerEvent: event, createdAt: iso(nowMs), payload });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Schedly-Webhooks (sandbox)' };
    if (hook.secret) headers['x-schedly-signature'] = signBody(body, hook.secret);
    sandboxWebhooks.post(hook.subscriberUrl, { headers, body, timeoutMs: DELIVERY_TIMEOUT_MS }).catch(() => undefined);
  }
}

const view = (h: Webhook): JsonObject => ({
  id: h.id, subscriberUrl: h.subscriberUrl, eventTriggers: [...h.eventTriggers], active: h.active, createdAt: iso(h.createdAt),
});

function parseWebhook(body: unknown): { subscriberUrl: string; eventTriggers: string[]; secret: string | null; active: boolean } {
  const b = requireObject(body);
  const c = new Checks();
  let url: URL | null = null;
  try { url = typeof b.subscriberUrl === 'string' ? new URL(b.subscriberUrl) : null; } catch { url = null; }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) c.fail('subscriberUrl', 'Must be an http(s) URL');
  else if (LINK_LOCAL.test(url.hostname)) c.fail('subscriberUrl', 'Must not be a link-local or metadata address');
  if (!Array.isArray(b.eventTriggers) || b.eventTriggers.length === 0 || !b.eventTriggers.every((e) => typeof e === 'string' && EVENTS.has(e))) {
    c.fail('eventTriggers', 'Must be a non-empty array of webhook events');
  }
  if (b.secret !== undefined && b.secret !== null && (typeof b.secret !== 'string' || b.secret.length > 256)) c.fail('secret', 'Must be a string of at most 256 characters');
  if (b.active !== undefined && typeof b.active !== 'boolean') c.fail('active', 'Must be a boolean');
  c.done();
  return { subscriberUrl: url!.toString(), eventTriggers: [...new Set(b.eventTriggers as string[])], secret: (b.secret as string | undefined) || null, active: b.active !== false };
}

export function registerWebhookRoutes(router: Router, kit: SandboxKit, stateOf: (ctx: { state: unknown }) => AccountState): void {
  router.get('/api/webhooks', (ctx) => {
    sendData(ctx, [...stateOf(ctx).webhooks.values()].map(view));
  });
  router.post('/api/webhooks', async (ctx) => {
    const input = parseWebhook(await readJson(ctx));
    const state = stateOf(ctx);
    const hook: Webhook = { id: state.nextId.webhook++, ...input, createdAt: kit.clock.now() };
    state.webhooks.set(hook.id, hook);
    sendData(ctx, view(hook), 201);
  });
  router.delete('/api/webhooks', (ctx) => {
    const id = requiredIdParam(ctx);
    const state = stateOf(ctx);
    if (!state.webhooks.delete(id)) throw ApiError.notFound();
    sendData(ctx, { id, deleted: true });
  });
}

import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import { readJson, sandboxWebhooks, type SandboxKit } from '../../../src/provider-sdk';
import { authOf, guard } from './auth';
import { ApiError, sendData } from './envelope';
import { detailView, iso, type Booking } from './model';
import type { PatStore } from './pats';
import { signatureHeader } from '../webhooks/signature';
import { SUBSCRIBED } from '../webhooks';

/**
 * booking.* webhooks (seed 003) sent on every booking write of an account — through the API or by
 * a test straight against the sandbox — to each webhook the account registered for that event.
 * Registration (POST/GET/DELETE /v1/webhooks), the envelope and the signature are UNCONFIRMED
 * (../README.md); a second registration of the same URL replaces the first. Delivery is
 * fire-and-forget through the kit's sender (the gateway's test-mode address policy).
 */
export interface Webhook { id: string; url: string; events: string[]; secret: string; createdAt: number }
export type BookingEvent = 'booking.created' | 'booking.updated' | 'booking.rescheduled' | 'booking.canceled';

export const DELIVERY_TIMEOUT_MS = 5000;
const MAX_PER_ACCOUNT = 10;

const view = (h: Webhook) => ({ id: h.id, url: h.url, events: h.events, created_at: iso(h.createdAt) });

export class WebhookRegistry {
  private readonly byAccount = new Map<string, Map<string, Webhook>>();

  constructor(private readonly kit: SandboxKit) {}

  list(accountId: string): Webhook[] { return [...(this.byAccount.get(accountId)?.values() ?? [])]; }

  register(accountId: string, input: { url: string; events: string[]; secret: string }): Webhook {
    const hooks = this.byAccount.get(accountId) ?? new Map<string, Webhook>();
    const existing = [...hooks.values()].find((h) => h.url === input.url);
    if (!existing && hooks.size >= MAX_PER_ACCOUNT) throw new ApiError(409, 'webhook_limit_reached', `At most ${MAX_PER_ACCOUNT} webhooks per account.`);
    const hook: Webhook = { id: existing?.id ?? randomUUID(), ...input, createdAt: existing?.createdAt ?? this.kit.clock.now() };
    hooks.set(hook.id, hook);
    this.byAccount.set(accountId, hooks);
    return hook;
  }

  remove(accountId: string, id: string): boolean { return this.byAccount.get(accountId)?.delete(id) ?? false; }

  /** Sends one event about `booking` to the account's webhooks subscribed to it. */
  emit(accountId: string, type: BookingEvent, booking: Booking, changedFields?: string[]): void {
    const subscription = type.replace('.', '_');
    for (const hook of this.list(accountId)) {
      if (!hook.events.includes(subscription)) continue;
      const body = JSON.stringify({
        id: `evt_${randomUUID()}`, type, created_at: iso(this.kit.clock.now()), account_id: accountId,
        data: { ...detailView(booking), ...(changedFields ? { changed_fields: changedFields } : {}) },
      });
      const headers = {
        'content-type': 'application/json', 'user-agent': '42min-Webhooks (sandbox)', 'x-42min-event': type,
        'x-42min-signature': signatureHeader(hook.secret, Math.floor(this.kit.clock.now() / 1000), body),
      };
      sandboxWebhooks.post(hook.url, { headers, body, timeoutMs: DELIVERY_TIMEOUT_MS }).catch(() => undefined);
    }
  }
}

function parseRegistration(body: unknown): { url: string; events: string[]; secret: string } {
  const b = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const bad: string[] = [];
  let url: URL | null = null;
  try { url = typeof b.url === 'string' ? new URL(b.url) : null; } catch { url = null; }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) bad.push('url');
  const events = b.events === undefined ? SUBSCRIBED : b.events;
  if (!Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === 'string' && SUBSCRIBED.includes(e))) bad.push('events');
  if (typeof b.secret !== 'string' || b.secret.length < 16 || b.secret.length > 256) bad.push('secret');
  if (bad.length > 0) throw new ApiError(400, 'validation_error', `Invalid webhook: ${bad.join(', ')}.`, { fields: bad });
  return { url: url!.toString(), events: [...new Set(events as string[])], secret: b.secret as string };
}

export function webhookRoutes(kit: SandboxKit, pats: PatStore, registry: WebhookRegistry): Router {
  const router = new Router();
  const account = (ctx: Koa.Context) => authOf(ctx).accountId;
  router.get('/v1/webhooks', guard(kit, pats, null), (ctx) => { sendData(ctx, 200, registry.list(account(ctx)).map(view)); });
  router.post('/v1/webhooks', guard(kit, pats, null), async (ctx) => {
    sendData(ctx, 201, view(registry.register(account(ctx), parseRegistration(await readJson(ctx)))));
  });
  router.delete('/v1/webhooks/:id', guard(kit, pats, null), (ctx) => {
    if (!registry.remove(account(ctx), ctx.params.id)) throw new ApiError(404, 'not_found', 'No such webhook.');
    ctx.status = 204;
  });
  return router;
}

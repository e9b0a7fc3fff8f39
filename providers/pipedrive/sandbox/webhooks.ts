import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { sandboxWebhooks, type SandboxKit } from '../../../src/provider-sdk';
import { apiState } from './api-auth';
import { invalid, readBody } from './input';
import { notFound, sendOk } from './envelope';
import type { CompanyState } from './model';
import { basicAuth } from '../webhooks';

/**
 * Webhooks v2 (reference/providers.md §3.7): `POST /api/v1/webhooks { subscription_url,
 * event_action, event_object, http_auth_user?, http_auth_password?, version }`, `GET`, `DELETE /:id`;
 * every person, lead and activity write of the company, through the API or straight against the
 * sandbox, is sent as `{ meta, data, previous }` with HTTP Basic credentials when given.
 * Fire-and-forget through the kit's sender; Pipedrive's retries are not emulated.
 */
export type Entity = 'person' | 'lead' | 'activity';
export type Action = 'create' | 'change' | 'delete';
interface Hook { id: number; subscription_url: string; event_action: string; event_object: string; user: string | null; password: string | null; add_time: string }

const hooksOf = new WeakMap<CompanyState, Hook[]>();
const list = (c: CompanyState): Hook[] => { let l = hooksOf.get(c); if (!l) { l = []; hooksOf.set(c, l); } return l; };
let nextHookId = 1;
export const DELIVERY_TIMEOUT_MS = 5000;
const MAX_HOOKS = 40;

const view = (h: Hook) => ({ id: h.id, subscription_url: h.subscription_url, event_action: h.event_action, event_object: h.event_object, version: '2.0', add_time: h.add_time });

export function emitChange(kit: SandboxKit, company: CompanyState, entity: Entity, action: Action, id: string | number,
  data: Record<string, unknown> | null, previous: Record<string, unknown> | null = null): void {
  for (const h of list(company)) {
    if ((h.event_action !== '*' && h.event_action !== action) || (h.event_object !== '*' && h.event_object !== entity)) continue;
    const body = JSON.stringify({
      meta: {
        id: randomUUID(), action, entity, entity_id: String(id), company_id: String(company.companyId), timestamp: new Date(kit.clock.now()).toISOString(),
        version: '2.0', webhook_id: String(h.id), change_source: 'api', type: 'general',
      },
      data, previous,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Pipedrive Webhooks (sandbox)' };
    if (h.user !== null && h.password !== null) headers.authorization = basicAuth(h.user, h.password);
    sandboxWebhooks.post(h.subscription_url, { headers, body, timeoutMs: DELIVERY_TIMEOUT_MS }).catch(() => undefined);
  }
}

export function webhooksRoutes(router: Router, kit: SandboxKit): void {
  router.get('/api/v1/webhooks', (ctx: Context) => { sendOk(ctx, list(apiState(ctx).company).map(view)); });
  router.post('/api/v1/webhooks', async (ctx: Context) => {
    const { company } = apiState(ctx);
    const b = await readBody(ctx);
    let url: URL | null = null;
    try { url = typeof b.subscription_url === 'string' ? new URL(b.subscription_url) : null; } catch { url = null; }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw invalid('subscription_url', 'subscription_url must be a valid URL');
    if (typeof b.event_action !== 'string' || typeof b.event_object !== 'string') throw invalid('event_action', 'event_action and event_object are required');
    const hooks = list(company);
    if (hooks.length >= MAX_HOOKS) { ctx.status = 422; ctx.body = { success: false, error: 'Webhooks limit reached' }; return; }
    const hook: Hook = {
      id: nextHookId++, subscription_url: url.toString(), event_action: b.event_action, event_object: b.event_object,
      user: typeof b.http_auth_user === 'string' ? b.http_auth_user : null, password: typeof b.http_auth_password === 'string' ? b.http_auth_password : null,
      add_time: new Date(kit.clock.now()).toISOString(),
    };
    hooks.push(hook);
    sendOk(ctx, view(hook), undefined, 201);
  });
  router.delete('/api/v1/webhooks/:id', (ctx: Context) => {
    const hooks = list(apiState(ctx).company);
    const at = hooks.findIndex((h) => String(h.id) === ctx.params.id);
    if (at < 0) throw notFound('Webhook not found');
    hooks.splice(at, 1);
    sendOk(ctx, { id: Number(ctx.params.id) });
  });
}

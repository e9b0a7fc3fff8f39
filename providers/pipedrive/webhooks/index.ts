import {
  safeEqual, type AdapterContext, type ProviderWebhooks, type WebhookChange, type WebhookChangeKind, type WebhookRequest, type WebhookResource,
} from '../../../src/provider-sdk';

/**
 * Pipedrive webhooks v2 (reference/providers.md §3.7): no HMAC signature, HTTP Basic credentials
 * chosen by whoever registers the webhook. The gateway registers one webhook per company
 * (`event_action: "*"`, `event_object: "*"`, version 2.0) with user `gateway` and a password it
 * derives per company; a delivery is genuine when its Authorization carries exactly those.
 * `meta.company_id` names the company (UNCONFIRMED in the reference's field list; the sandbox sends it).
 */
export const AUTH_USER = 'gateway';

interface Meta { action?: unknown; entity?: unknown; entity_id?: unknown; company_id?: unknown; id?: unknown; timestamp?: unknown }
interface Delivery { meta?: Meta; data?: Record<string, unknown> | null; previous?: Record<string, unknown> | null }

const RESOURCES: Record<string, WebhookResource> = { person: 'contacts', lead: 'leads', activity: 'meetings' };
const KINDS: Record<string, WebhookChangeKind> = { create: 'created', change: 'updated', delete: 'deleted', added: 'created', updated: 'updated', deleted: 'deleted' };

function delivery(request: WebhookRequest): Delivery {
  const body = JSON.parse(request.rawBody) as unknown;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Delivery : {};
}

export function accountsOf(request: WebhookRequest): string[] {
  const company = delivery(request).meta?.company_id;
  return typeof company === 'number' || (typeof company === 'string' && company !== '') ? [String(company)] : [];
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function verify(request: WebhookRequest, secret: string): boolean {
  const given = request.headers.authorization;
  return typeof given === 'string' && safeEqual(given, basicAuth(AUTH_USER, secret));
}

export function parse(request: WebhookRequest): WebhookChange[] {
  const d = delivery(request);
  const resource = typeof d.meta?.entity === 'string' ? RESOURCES[d.meta.entity] : undefined;
  const change = typeof d.meta?.action === 'string' ? KINDS[d.meta.action] : undefined;
  const account = accountsOf(request)[0];
  const id = d.meta?.entity_id;
  if (!resource || !change || !account || (typeof id !== 'string' && typeof id !== 'number') || String(id) === '') return [];
  // Meetings are activities of type "meeting" (§3.4): other activities are not unified records.
  const record = d.data ?? d.previous ?? null;
  if (resource === 'meetings' && record && record.type !== 'meeting') return [];
  return [{
    providerAccountId: account, resource, recordId: String(id), change,
    occurredAt: typeof d.meta?.timestamp === 'string' ? d.meta.timestamp : null,
  }];
}

export function deliveryId(request: WebhookRequest): string | null {
  const id = delivery(request).meta?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

interface Hook { subscription_url?: string }

/** One webhook for every object and action, unless this URL is registered already (its credentials do not change). */
export async function subscribe(ctx: AdapterContext, target: { url: string; secret: string }): Promise<void> {
  const existing = (await ctx.http.json<{ data?: Hook[] | null }>({ method: 'GET', path: '/api/v1/webhooks' })).data ?? [];
  if (existing.some((h) => h.subscription_url === target.url)) return;
  await ctx.http.json({
    method: 'POST', path: '/api/v1/webhooks',
    body: { subscription_url: target.url, event_action: '*', event_object: '*', http_auth_user: AUTH_USER, http_auth_password: target.secret, version: '2.0' },
  });
}

export const pipedriveWebhooks: ProviderWebhooks = { secretSource: 'subscription', accountsOf, verify, parse, deliveryId, subscribe };

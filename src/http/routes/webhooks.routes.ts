import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';
import { NotFoundError } from '../../errors';
import { SUBSCRIBABLE_EVENTS } from '../../events/event-types';
import type { Webhook, WebhookDelivery } from '../../store/types';
import { randomId, randomSecret } from '../../connect/secrets';
import { checkWebhookUrl } from '../../webhooks/webhook-url';

const webhookSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string', enum: [...SUBSCRIBABLE_EVENTS] } },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const publicWebhook = (w: Webhook): Record<string, unknown> => ({ id: w.id, url: w.url, events: w.events, createdAt: w.createdAt });
const publicDelivery = (d: WebhookDelivery): Record<string, unknown> => ({
  id: d.id, eventId: d.eventId, type: d.type, status: d.status, attempts: d.attempts, nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
  lastError: d.lastError, createdAt: d.createdAt, deliveredAt: d.deliveredAt,
});

/** Webhook endpoints of the calling account and mode. The signing secret is shown once, at creation. */
export function webhookRoutes(deps: AppDeps): RouteSpec[] {
  const find = async (scope: ReturnType<typeof scopeOf>, id: string): Promise<Webhook> => {
    const w = await deps.store.webhooks.get(scope, id);
    if (!w) throw new NotFoundError('NOT_FOUND', { webhookId: id }, { message: 'Webhook not found' });
    return w;
  };
  return [
    {
      method: 'post', path: '/v1/webhooks', operationId: 'createWebhook', tag: 'Webhooks', auth: 'apiKey', idempotent: true,
      summary: 'Subscribe a URL to connection and record change events (the signing secret is returned once)',
      body: {
        type: 'object', additionalProperties: false, required: ['url', 'events'],
        properties: {
          url: { type: 'string', minLength: 1, maxLength: 2048, description: 'https (test mode: http too); live mode: public addresses only, checked again at each delivery (README § Webhooks)' },
          events: {
            type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...SUBSCRIBABLE_EVENTS] },
            description: 'Event types, a family wildcard (contact.*, meeting.*, connection.*) or * for every event (README § Change events)',
          },
        },
      },
      responses: { 201: { description: 'Created', schema: dataEnvelope({ ...webhookSchema, properties: { ...webhookSchema.properties, secret: { type: 'string' } } }) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const body = ctx.request.body as { url: string; events: string[] };
        checkWebhookUrl(body.url, { mode: scope.mode, allowPrivate: deps.config.webhookAllowPrivateUrls });
        const secret = randomSecret('whsec_', 32);
        const hook = await deps.store.webhooks.create({
          id: randomId('wh_'), accountId: scope.accountId, mode: scope.mode, url: body.url, events: body.events,
          secret: deps.cipher.encrypt(secret), createdAt: new Date().toISOString(),
        });
        sendData(ctx, { ...publicWebhook(hook), secret }, 201);
      },
    },
    {
      method: 'get', path: '/v1/webhooks', operationId: 'listWebhooks', tag: 'Webhooks', auth: 'apiKey',
      summary: 'List webhooks',
      responses: { 200: { description: 'Webhooks', schema: listEnvelope(webhookSchema) } },
      handler: async (ctx) => { sendList(ctx, (await deps.store.webhooks.list(scopeOf(ctx.state))).map(publicWebhook), null); },
    },
    {
      method: 'get', path: '/v1/webhooks/:id', operationId: 'getWebhook', tag: 'Webhooks', auth: 'apiKey',
      summary: 'One webhook',
      responses: { 200: { description: 'Webhook', schema: dataEnvelope(webhookSchema) } },
      handler: async (ctx) => { sendData(ctx, publicWebhook(await find(scopeOf(ctx.state), ctx.params.id as string))); },
    },
    {
      method: 'get', path: '/v1/webhooks/:id/deliveries', operationId: 'listWebhookDeliveries', tag: 'Webhooks', auth: 'apiKey',
      summary: 'Recent deliveries of a webhook (status, attempts, last error)',
      responses: { 200: { description: 'Deliveries', schema: listEnvelope({ type: 'object' }) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const hook = await find(scope, ctx.params.id as string);
        sendList(ctx, (await deps.store.webhooks.listDeliveries(scope, hook.id)).map(publicDelivery), null);
      },
    },
    {
      method: 'delete', path: '/v1/webhooks/:id', operationId: 'deleteWebhook', tag: 'Webhooks', auth: 'apiKey', idempotent: true,
      summary: 'Delete a webhook (its pending deliveries are dropped)',
      responses: { 204: { description: 'Deleted' } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        if (!(await deps.store.webhooks.delete(scope, ctx.params.id as string))) {
          throw new NotFoundError('NOT_FOUND', { webhookId: ctx.params.id }, { message: 'Webhook not found' });
        }
        ctx.status = 204;
      },
    },
  ];
}

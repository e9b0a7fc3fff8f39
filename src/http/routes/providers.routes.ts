import type { AppDeps } from '../../app-deps';
import { publicProvider } from '../../provider-sdk/manifest';
import { NotFoundError } from '../../errors';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';

const ops = { type: 'array', items: { type: 'string', enum: ['list', 'get', 'create', 'update', 'delete'] } };
const meetingOps = { type: 'array', items: { type: 'string', enum: ['list', 'get', 'create', 'update', 'delete', 'cancel', 'reschedule'] } };
const listOnly = { type: 'array', items: { type: 'string', enum: ['list'] } };
export const providerSchema = {
  type: 'object',
  required: ['id', 'name', 'category', 'authType', 'authTypes', 'connectionConfig', 'resources'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, category: { type: 'string', enum: ['crm', 'pms', 'scheduling'] },
    authType: { type: 'string', enum: ['oauth2', 'api_key'], description: 'The first of authTypes (kept for older clients)' },
    authTypes: { type: 'array', items: { type: 'string', enum: ['oauth2', 'api_key'] }, description: 'Every auth scheme the provider offers, the preferred first' },
    connectionConfig: {
      type: 'array', description: 'Fields a connection supplies besides its credentials (POST /v1/connections `config`)',
      items: {
        type: 'object', required: ['name', 'label', 'format', 'required'],
        properties: {
          name: { type: 'string' }, label: { type: 'string' }, format: { type: 'string', enum: ['uri', 'hostname', 'text'] },
          required: { type: 'boolean' }, description: { type: ['string', 'null'] },
        },
      },
    },
    docsUrl: { type: ['string', 'null'], description: "The provider's API reference" },
    resources: {
      type: 'object',
      properties: { contacts: ops, leads: ops, meetings: meetingOps, users: listOnly, bookingPages: listOnly, availability: listOnly },
    },
  },
};

export function providerRoutes(deps: AppDeps): RouteSpec[] {
  return [
    {
      method: 'get', path: '/v1/providers', operationId: 'listProviders', tag: 'Providers', auth: 'apiKey',
      summary: 'Providers and the resources and operations each supports',
      responses: { 200: { description: 'Providers', schema: listEnvelope(providerSchema) } },
      handler: async (ctx) => { sendList(ctx, deps.registry.list().map((d) => publicProvider(d.manifest)), null); },
    },
    {
      method: 'get', path: '/v1/providers/:id', operationId: 'getProvider', tag: 'Providers', auth: 'apiKey',
      summary: 'One provider',
      responses: { 200: { description: 'Provider', schema: dataEnvelope(providerSchema) } },
      handler: async (ctx) => {
        const def = deps.registry.get(ctx.params.id as string);
        if (!def) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider: ctx.params.id });
        sendData(ctx, publicProvider(def.manifest));
      },
    },
  ];
}

import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { publicKey } from '../../accounts/account-service';
import { GatewayError } from '../../errors';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';
import type { AuthState } from '../api-key-auth';

const keySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: ['string', 'null'], description: 'The label given at creation, or null' }, mode: { type: 'string', enum: ['live', 'test'] }, prefix: { type: 'string' }, last4: { type: 'string' },
    redacted: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] },
  },
};

/** Secret keys of the calling account, in the calling key's mode (a test key manages test keys). */
export function apiKeyRoutes(deps: AppDeps): RouteSpec[] {
  return [
    {
      method: 'post', path: '/v1/api-keys', operationId: 'createApiKey', tag: 'API keys', auth: 'apiKey', idempotent: true,
      summary: 'Create a secret key (returned once, in `key`)',
      body: {
        type: 'object', additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100, description: 'A label to tell keys apart (e.g. "CI", "Production server")' } },
      },
      responses: { 201: { description: 'Created', schema: dataEnvelope({ ...keySchema, properties: { ...keySchema.properties, key: { type: 'string' } } }) } },
      handler: async (ctx) => {
        const auth = ctx.state.auth as AuthState;
        const { name } = ctx.request.body as { name?: string };
        const issued = await deps.accounts.issueKey(auth.accountId, auth.mode, name ?? null);
        sendData(ctx, { ...publicKey(issued.record), key: issued.key }, 201);
      },
    },
    {
      method: 'get', path: '/v1/api-keys', operationId: 'listApiKeys', tag: 'API keys', auth: 'apiKey',
      summary: 'List keys (prefix and last four characters only)',
      responses: { 200: { description: 'Keys', schema: listEnvelope(keySchema) } },
      handler: async (ctx) => {
        const keys = await deps.accounts.listKeys(scopeOf(ctx.state));
        sendList(ctx, keys.map(publicKey), null);
      },
    },
    {
      method: 'delete', path: '/v1/api-keys/:id', operationId: 'revokeApiKey', tag: 'API keys', auth: 'apiKey', idempotent: true,
      summary: 'Revoke a key (it stops working at once)',
      responses: { 204: { description: 'Revoked' } },
      handler: async (ctx) => {
        const id = ctx.params.id as string;
        if (!(await deps.accounts.revokeKey(scopeOf(ctx.state), id))) {
          throw new GatewayError('NOT_FOUND', { message: 'API key not found', details: { id } });
        }
        deps.auth.forget(id);
        ctx.status = 204;
      },
    },
  ];
}

import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { sendData, sendList } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';
import { NotFoundError } from '../../errors';
import type { ConnectionFilter } from '../../store/types';
import { connectServices } from '../../connect/connect-services';
import { publicConnectionSchema, toPublicConnection } from '../../connect/public-connection';
import { API_KEY_SCHEMA, connectApiKey } from '../../connect/api-key-connect';
import { decodeCursor, encodeCursor } from '../list-cursor';
import { syncView, syncViewSchema } from '../../events/sync-view';

const ID = { type: 'string', minLength: 1, maxLength: 255 };

/** Connections of the calling account and mode: never a credential in any answer. */
export function connectionRoutes(deps: AppDeps): RouteSpec[] {
  const svc = connectServices(deps);
  return [
    {
      method: 'get', path: '/v1/connections', operationId: 'listConnections', tag: 'Connections', auth: 'apiKey',
      summary: 'List connections',
      query: {
        type: 'object', additionalProperties: false,
        properties: {
          endUserId: ID, provider: ID, status: { type: 'string', enum: ['active', 'needs_reauth', 'revoked'] },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, cursor: { type: 'string', minLength: 1, maxLength: 2048 },
        },
      },
      responses: { 200: { description: 'Connections', schema: listEnvelope(publicConnectionSchema) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const q = ctx.state.query as ConnectionFilter & { limit: number; cursor?: string };
        const filter: ConnectionFilter = { endUserId: q.endUserId, provider: q.provider, status: q.status };
        // A cursor is bound to the account, mode and filters it was issued for.
        const bindTo = JSON.stringify([scope.accountId, scope.mode, filter.endUserId ?? null, filter.provider ?? null, filter.status ?? null]);
        const afterId = q.cursor ? decodeCursor(deps.cipher, q.cursor, bindTo) : undefined;
        const rows = await deps.store.connections.list(scope, filter, q.limit + 1, afterId);
        const page = rows.slice(0, q.limit);
        const next = rows.length > q.limit ? encodeCursor(deps.cipher, page[page.length - 1].id, bindTo) : null;
        sendList(ctx, page.map(toPublicConnection), next);
      },
    },
    {
      method: 'get', path: '/v1/connections/:id', operationId: 'getConnection', tag: 'Connections', auth: 'apiKey',
      summary: 'One connection',
      responses: { 200: { description: 'Connection', schema: dataEnvelope({ ...publicConnectionSchema, properties: { ...publicConnectionSchema.properties, sync: syncViewSchema } }) } },
      handler: async (ctx) => {
        const id = ctx.params.id as string;
        const scope = scopeOf(ctx.state);
        const c = await deps.store.connections.get(scope, id);
        if (!c) throw new NotFoundError('CONNECTION_NOT_FOUND', { connectionId: id });
        const manifest = deps.registry.get(c.provider)?.manifest;
        const sync = syncView(await deps.store.syncStates.listForConnection(scope, c.id));
        sendData(ctx, { ...toPublicConnection(c), health: manifest ? deps.health.of(c, manifest, deps.providerClient) : null, sync });
      },
    },
    {
      method: 'post', path: '/v1/connections', operationId: 'createConnection', tag: 'Connections', auth: 'apiKey', idempotent: true,
      summary: 'Connect an api_key provider server to server (the key is verified at the provider first)',
      body: {
        type: 'object', additionalProperties: false, required: ['endUserId', 'provider', 'credentials'],
        properties: {
          endUserId: ID, provider: ID,
          credentials: { type: 'object', additionalProperties: false, required: ['apiKey'], properties: { apiKey: API_KEY_SCHEMA } },
          config: {
            type: 'object', additionalProperties: { type: 'string' },
            description: "The provider's connectionConfig fields (GET /v1/providers), e.g. { baseUrl }",
          },
        },
      },
      responses: { 201: { description: 'Created (or reconnected in place)', schema: dataEnvelope(publicConnectionSchema) } },
      handler: async (ctx) => {
        const body = ctx.request.body as { endUserId: string; provider: string; credentials: { apiKey: string }; config?: Record<string, string> };
        const { connection, reconnected } = await connectApiKey(deps, svc.connections, {
          scope: scopeOf(ctx.state), endUserId: body.endUserId, provider: body.provider, apiKey: body.credentials.apiKey, config: body.config,
        });
        sendData(ctx, toPublicConnection(connection), reconnected ? 200 : 201);
      },
    },
    {
      method: 'delete', path: '/v1/connections/:id', operationId: 'deleteConnection', tag: 'Connections', auth: 'apiKey', idempotent: true,
      summary: 'Revoke at the provider (where supported) and delete',
      responses: { 204: { description: 'Deleted' } },
      handler: async (ctx) => {
        await svc.connections.remove(scopeOf(ctx.state), ctx.params.id as string);
        ctx.status = 204;
      },
    },
  ];
}

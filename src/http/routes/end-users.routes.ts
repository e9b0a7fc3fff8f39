import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import { sendData } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope } from '../../openapi/schemas';
import { NotFoundError } from '../../errors';
import { connectServices } from '../../connect/connect-services';
import { publicConnectionSchema, toPublicConnection } from '../../connect/public-connection';

const endUserSchema = {
  type: 'object',
  properties: {
    endUserId: { type: 'string' }, email: { type: ['string', 'null'] }, name: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' }, connections: { type: 'array', items: publicConnectionSchema },
  },
};

/** End users of the calling account and mode. */
export function endUserRoutes(deps: AppDeps): RouteSpec[] {
  const svc = connectServices(deps);
  return [
    {
      method: 'get', path: '/v1/end-users/:endUserId', operationId: 'getEndUser', tag: 'End users', auth: 'apiKey',
      summary: 'An end user with its connections',
      responses: { 200: { description: 'End user', schema: dataEnvelope(endUserSchema) } },
      handler: async (ctx) => {
        const scope = scopeOf(ctx.state);
        const endUserId = ctx.params.endUserId as string;
        const user = await deps.store.endUsers.get(scope, endUserId);
        if (!user) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
        const connections = await deps.store.connections.list(scope, { endUserId }, 200);
        sendData(ctx, {
          endUserId: user.endUserId, email: user.email, name: user.name, createdAt: user.createdAt,
          connections: connections.map(toPublicConnection),
        });
      },
    },
    {
      method: 'delete', path: '/v1/end-users/:endUserId', operationId: 'deleteEndUser', tag: 'End users', auth: 'apiKey', idempotent: true,
      summary: 'Delete an end user and all its connections (credentials erased, grants revoked where the provider allows)',
      responses: { 204: { description: 'Deleted' } },
      handler: async (ctx) => {
        await svc.connections.removeEndUser(scopeOf(ctx.state), ctx.params.endUserId as string);
        ctx.status = 204;
      },
    },
  ];
}

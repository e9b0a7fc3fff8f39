import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import type { UnifiedServices } from '../../unified/services';
import { userSchema } from '../../provider-sdk/unified-schemas';
import { decodeCursor, encodeCursor } from '../list-cursor';
import { sendList, withoutRaw } from '../respond';
import type { RouteSpec } from '../route-table';
import { listEnvelope } from '../../openapi/schemas';

interface Query { provider?: string; endUserId?: string; includeRaw?: boolean; limit?: number; cursor?: string }

/**
 * GET /v1/users: the provider's users (CRM owners and users, scheduling hosts, employees), so a
 * record's ownerId or a meeting's hostIds can be named, and a CRM owner matched to a host by email.
 * Resolution order and errors as for the unified resources; UNSUPPORTED_RESOURCE from the manifest.
 */
export function userRoutes(deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  return [{
    method: 'get', path: '/v1/users', operationId: 'listUsers', tag: 'Users', auth: 'apiKey',
    summary: "List the provider's users (owners, hosts, employees)",
    query: {
      type: 'object', additionalProperties: false,
      properties: {
        provider: { type: 'string', description: 'Provider id (MISSING_PROVIDER when absent)' },
        endUserId: { type: 'string', description: 'Your end user id (MISSING_REQUIRED when absent)' },
        includeRaw: { type: 'boolean', default: false, description: 'Add remoteData: the provider record as it came' },
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        cursor: { type: 'string', minLength: 1 },
      },
    },
    responses: { 200: { description: 'Users', schema: listEnvelope(userSchema) } },
    handler: async (ctx) => {
      const q = ctx.state.query as Query;
      const resolved = await services.unified.resolveList(scopeOf(ctx.state), 'users', q.provider, q.endUserId);
      const binding = `${resolved.connection.id}|users`;
      const cursor = q.cursor ? decodeCursor(deps.cipher, q.cursor, binding) : null;
      const page = await resolved.adapter.list(services.unified.context(resolved, null), { limit: q.limit ?? 50, cursor });
      const items = q.includeRaw === true ? page.items : page.items.map(withoutRaw);
      sendList(ctx, items, page.nextCursor ? encodeCursor(deps.cipher, page.nextCursor, binding) : null);
    },
  }];
}

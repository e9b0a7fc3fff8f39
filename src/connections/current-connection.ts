import { NotFoundError, ProviderFailureError } from '../errors';
import type { Connection, Scope, Store } from '../store/types';

/**
 * The connection a call on behalf of an end user runs on, in API.md's resolution order (the
 * provider is already known): the end user exists → a current connection to the provider →
 * usable (needs_reauth answers NEEDS_REAUTH, not a 404). One rule for the unified routes,
 * passthrough and MCP alike. Both reads are served by the store's resolution cache on the hot path
 * (src/store/cached-resolution.ts), so nothing is cached here.
 */
export async function currentConnection(store: Pick<Store, 'endUsers' | 'connections'>, scope: Scope, endUserId: string, provider: string): Promise<Connection> {
  if (!(await store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
  const connection = await store.connections.findCurrent(scope, endUserId, provider);
  if (!connection) throw new NotFoundError('CONNECTION_NOT_FOUND', { endUserId, provider });
  if (connection.status === 'needs_reauth') {
    throw new ProviderFailureError('NEEDS_REAUTH', { details: { connectionId: connection.id, provider, endUserId } });
  }
  return connection;
}

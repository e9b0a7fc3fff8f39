import type { AppDeps } from '../app-deps';
import type { Connection, Scope } from '../store/types';
import type { Operation, ResourceName } from '../provider-sdk/manifest';
import { resourceAdapter, type AdapterContext, type AnyResourceAdapter } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { MissingProviderError, MissingRequiredError, NotFoundError, ProviderFailureError, UnsupportedResourceError } from '../errors';

export interface Resolved {
  definition: ProviderDefinition;
  adapter: AnyResourceAdapter;
  connection: Connection;
}

/**
 * The resolution order of API.md § Unified resources: provider given → end user given → provider
 * known → resource and operation supported → end user exists → an active connection.
 */
export class UnifiedService {
  constructor(private readonly deps: AppDeps) {}

  async resolve(scope: Scope, resource: ResourceName, op: Operation, provider: string | undefined, endUserId: string | undefined): Promise<Resolved> {
    if (!provider) throw new MissingProviderError();
    if (!endUserId) throw new MissingRequiredError(['endUserId']);
    const definition = this.deps.registry.get(provider);
    if (!definition) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
    const adapter = resourceAdapter(definition.adapter?.resources, resource);
    const declared = definition.manifest.resources[resource] ?? [];
    if (!adapter || !declared.includes(op) || typeof adapter[op] !== 'function') {
      throw new UnsupportedResourceError({ provider, resource, operation: op });
    }
    if (!(await this.deps.store.endUsers.get(scope, endUserId))) throw new NotFoundError('END_USER_NOT_FOUND', { endUserId });
    const connection = await this.deps.store.connections.findCurrent(scope, endUserId, provider);
    if (!connection) throw new NotFoundError('CONNECTION_NOT_FOUND', { endUserId, provider });
    if (connection.status === 'needs_reauth') {
      throw new ProviderFailureError('NEEDS_REAUTH', { details: { connectionId: connection.id, provider } });
    }
    return { definition, adapter, connection };
  }

  /** The adapter's view of one call: HTTP bound to the connection, never a token. */
  context(resolved: Resolved, idempotencyKey: string | null): AdapterContext {
    const { connection } = resolved;
    const http = this.deps.providerClient.http;
    return {
      manifest: resolved.definition.manifest,
      connection: { id: connection.id, providerAccountId: connection.providerAccountId, metadata: connection.metadata },
      idempotencyKey,
      http: {
        request: (req) => http.request(connection, req),
        json: (req) => http.json(connection, req),
      },
    };
  }
}

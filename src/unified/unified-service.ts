import type { AppDeps } from '../app-deps';
import type { Connection, Scope } from '../store/types';
import type { ListResourceName, MeetingOperation, ResourceName } from '../provider-sdk/manifest';
import { resourceAdapter, type AdapterContext, type AnyResourceAdapter, type ResourceAdapters } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { accountIdentifier, type AccountIdentifier } from '../connections/account-identity';
import { currentConnection } from '../connections/current-connection';
import { isWriteOperation, type WriteOperation } from '../events/gateway-writes';
import { InFlightWrites } from './in-flight-writes';
import { MissingProviderError, MissingRequiredError, NotFoundError, UnsupportedResourceError } from '../errors';

export interface Resolved {
  definition: ProviderDefinition;
  adapter: AnyResourceAdapter;
  connection: Connection;
}

/**
 * The resolution order of API.md § Unified resources: provider given → end user given → provider
 * known → resource and operation supported → end user exists → an active connection.
 */

/** A write the provider confirmed, as the unified service saw it: what the change-event hook receives. */
export interface ConfirmedWrite {
  scope: Scope;
  resolved: Pick<Resolved, 'definition' | 'connection'>;
  resource: ResourceName;
  op: WriteOperation;
  /** The record id the call named (update, delete, cancel, reschedule); null for a create. */
  id: string | null;
  /** The write's body as the adapter received it; null for a delete. */
  input: Record<string, unknown> | null;
  /** The adapter's answer: the record as it now is (undefined for a delete). */
  result: unknown;
}

export class UnifiedService {
  private readonly identifier: AccountIdentifier;
  /** Writes under way, marked in the store for other processes too (the provider webhook processor waits for them: see in-flight-writes.ts). */
  readonly writes: InFlightWrites;

  constructor(private readonly deps: AppDeps, private readonly onWrite: ((write: ConfirmedWrite) => Promise<void>) | null = null) {
    this.identifier = accountIdentifier(deps);
    this.writes = new InFlightWrites(deps.store?.inFlightWrites ?? null);
  }

  /** `op` is CRUD, or a meeting action (cancel, reschedule) for meetings. */
  async resolve(scope: Scope, resource: ResourceName, op: MeetingOperation, provider: string | undefined, endUserId: string | undefined): Promise<Resolved> {
    const definition = this.provider(provider, endUserId);
    const adapter = resourceAdapter(definition.adapter?.resources, resource);
    const declared: readonly string[] = definition.manifest.resources[resource] ?? [];
    if (!adapter || !declared.includes(op) || typeof (adapter as unknown as Record<string, unknown>)[op] !== 'function') {
      throw new UnsupportedResourceError({ provider: definition.manifest.id, resource, operation: op });
    }
    const connection = await this.connection(scope, definition, endUserId!);
    return { definition, adapter: this.observed(adapter, { scope, resolved: { definition, connection }, resource, op }), connection };
  }

  /**
   * The one place every unified write passes (CRUD routes, meeting actions, and any service that
   * resolves a write): once the provider has confirmed it, onWrite hears of it (change events).
   * Only the resolved operation is wrapped; the adapter is otherwise the same object.
   */
  private observed(adapter: AnyResourceAdapter, call: Omit<ConfirmedWrite, 'op' | 'id' | 'input' | 'result'> & { op: MeetingOperation }): AnyResourceAdapter {
    const { op } = call;
    const onWrite = this.onWrite;
    if (!onWrite || !isWriteOperation(op)) return adapter;
    const original = (adapter as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[op];
    const wrapped = Object.create(adapter) as Record<string, unknown>;
    wrapped[op] = (...args: unknown[]): Promise<unknown> => this.writes.track(call.resolved.connection.id, call.resource, async () => {
      const result = await original.apply(adapter, args);
      // create(ctx, input); update/cancel/reschedule(ctx, id, input); delete(ctx, id).
      const id = op === 'create' ? null : String(args[1]);
      const input = (op === 'create' ? args[1] : op === 'delete' ? null : args[2]) as Record<string, unknown> | null;
      await onWrite({ ...call, op, id, input, result });
      return result;
    });
    return wrapped as unknown as AnyResourceAdapter;
  }

  /** The same order for a read-only capability (users, booking pages, availability): its `list`. */
  async resolveList<C extends ListResourceName>(scope: Scope, capability: C, provider: string | undefined, endUserId: string | undefined):
    Promise<Omit<Resolved, 'adapter'> & { adapter: NonNullable<ResourceAdapters[C]> }> {
    const definition = this.provider(provider, endUserId);
    const adapter = definition.adapter?.resources?.[capability];
    const declared: readonly string[] = definition.manifest.resources[capability] ?? [];
    if (!adapter || !declared.includes('list')) {
      throw new UnsupportedResourceError({ provider: definition.manifest.id, resource: capability, operation: 'list' });
    }
    return { definition, adapter: adapter as NonNullable<ResourceAdapters[C]>, connection: await this.connection(scope, definition, endUserId!) };
  }

  /** Steps 1–3 of the order: provider and end user given, provider known. */
  provider(provider: string | undefined, endUserId: string | undefined): ProviderDefinition {
    if (!provider) throw new MissingProviderError();
    if (!endUserId) throw new MissingRequiredError(['endUserId']);
    const definition = this.deps.registry.get(provider);
    if (!definition) throw new NotFoundError('PROVIDER_NOT_FOUND', { provider });
    return definition;
  }

  /** The last steps: the end user exists and has an active connection to the provider. */
  async connection(scope: Scope, definition: ProviderDefinition, endUserId: string): Promise<Connection> {
    const connection = await currentConnection(this.deps.store, scope, endUserId, definition.manifest.id);
    // Its identify hook failed when it was made (or it predates the hook): try again, off the caller's path.
    if (connection.providerAccountId === null) this.identifier.identifyLater(connection);
    return connection;
  }

  /** The adapter's view of one call: HTTP bound to the connection, never a token. */
  context(resolved: Pick<Resolved, 'definition' | 'connection'>, idempotencyKey: string | null, extraFields?: string[],
    extraFieldsByResource?: AdapterContext['extraFieldsByResource']): AdapterContext {
    const { connection } = resolved;
    const http = this.deps.providerClient.http;
    return {
      manifest: resolved.definition.manifest,
      connection: { id: connection.id, providerAccountId: connection.providerAccountId, metadata: connection.metadata },
      idempotencyKey,
      extraFields,
      extraFieldsByResource,
      http: {
        request: (req) => this.recordingFailures(connection, http.request(connection, req)),
        json: (req) => this.recordingFailures(connection, http.json(connection, req)),
      },
    };
  }

  /** Feeds the connection's health with the code of a provider failure (kept on the record too). */
  private async recordingFailures<T>(connection: Connection, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && /^(PROVIDER_|CIRCUIT_OPEN|NEEDS_REAUTH)/.test(code)) {
        const lastError = this.deps.health.failed(connection.id, code);
        void this.deps.store.connections.update(connection.id, { lastError }).catch(() => undefined);
      }
      throw err;
    }
  }
}

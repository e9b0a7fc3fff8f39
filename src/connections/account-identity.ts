import type { AppDeps } from '../app-deps';
import type { Connection } from '../store/types';
import type { AccountIdentity, AdapterContext } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { TtlCache } from '../shared/ttl-cache';

/** After a failed try on use, the connection is left alone this long (per process), so a broken hook costs little. */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** Longest id or name kept: a provider answer is data, not trusted to be small. */
const MAX_LENGTH = 255;

type IdentityDeps = Pick<AppDeps, 'registry' | 'store' | 'providerClient' | 'logger'>;

/**
 * Runs a provider's `identify` hook (who is this connection at the provider) and stores the
 * answer on the connection. It runs once after a connection is made or re-authorized; when that
 * fails, the connection stays as it is (a consent just given is never lost for it) and the next
 * use of the connection tries again in the background. One try per connection at a time.
 */
export class AccountIdentifier {
  private readonly inFlight = new Map<string, Promise<Connection>>();
  private readonly coolingDown = new TtlCache<true>(10_000);

  constructor(private readonly deps: IdentityDeps) {}

  /**
   * Asks the provider now and returns the connection with its identity stored; on any failure
   * (logged) the connection as it was. Never throws.
   */
  identify(connection: Connection): Promise<Connection> {
    const running = this.inFlight.get(connection.id);
    if (running) return running;
    const run = this.run(connection, false).finally(() => this.inFlight.delete(connection.id));
    this.inFlight.set(connection.id, run);
    return run;
  }

  /**
   * On use of a connection whose identity is still unknown: identify it in the background, unless
   * a try is under way or one failed a moment ago. The caller does not wait.
   */
  identifyLater(connection: Connection): void {
    if (connection.providerAccountId !== null || !this.hasHook(connection.provider)) return;
    if (this.inFlight.has(connection.id) || this.coolingDown.get(connection.id)) return;
    const run = this.refreshed(connection)
      .then((current) => (current ? this.run(current, true) : connection))
      .finally(() => this.inFlight.delete(connection.id));
    this.inFlight.set(connection.id, run);
  }

  /** Resolves when every try under way has ended (tests; a graceful shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private hasHook(providerId: string): boolean {
    return typeof this.deps.registry.get(providerId)?.adapter?.identify === 'function';
  }

  /** The stored record, if it still needs identifying (another process, or a moment ago, may have done it). */
  private async refreshed(connection: Connection): Promise<Connection | null> {
    const current = await this.deps.store.connections.getById(connection.id).catch(() => null);
    return current && current.status === 'active' && current.providerAccountId === null ? current : null;
  }

  private async run(connection: Connection, onUse: boolean): Promise<Connection> {
    const def = this.deps.registry.get(connection.provider);
    if (!def?.adapter?.identify) return connection;
    try {
      const identity = checked(await def.adapter.identify(this.context(def, connection)));
      const updated = await this.deps.store.connections.update(connection.id, { ...identity, updatedAt: new Date().toISOString() });
      return updated ?? connection;
    } catch (err) {
      if (onUse) this.coolingDown.set(connection.id, true, RETRY_AFTER_FAILURE_MS);
      // The code or class name only: a provider message could carry account data.
      const reason = (err as { code?: unknown }).code ?? (err as Error).name;
      this.deps.logger.warn({ connectionId: connection.id, provider: connection.provider, reason },
        'could not identify the provider account; it is tried again on next use');
      return connection;
    }
  }

  /** The adapter's view of the call: the connection's HTTP client, as for any other adapter call. */
  private context(def: ProviderDefinition, connection: Connection): AdapterContext {
    const http = this.deps.providerClient.http;
    return {
      manifest: def.manifest,
      connection: { id: connection.id, providerAccountId: connection.providerAccountId, metadata: connection.metadata },
      idempotencyKey: null,
      http: { request: (req) => http.request(connection, req), json: (req) => http.json(connection, req) },
    };
  }
}

/** The hook's answer, trimmed and bounded; an answer without an id is a failure. */
function checked(identity: AccountIdentity): AccountIdentity {
  const id = typeof identity?.providerAccountId === 'string' ? identity.providerAccountId.trim() : '';
  if (!id || id.length > MAX_LENGTH) throw new IdentityAnswerError();
  const name = typeof identity.providerAccountName === 'string' ? identity.providerAccountName.trim().slice(0, MAX_LENGTH) : '';
  return { providerAccountId: id, providerAccountName: name || null };
}

/** Raised when an identify hook answers without a usable account id. */
class IdentityAnswerError extends Error {
  override readonly name = 'IdentityAnswerError';
}

const byDeps = new WeakMap<object, AccountIdentifier>();

/** One identifier per app: the connect flow and the unified services share its single-flight map. */
export function accountIdentifier(deps: IdentityDeps): AccountIdentifier {
  let identifier = byDeps.get(deps);
  if (!identifier) {
    identifier = new AccountIdentifier(deps);
    byDeps.set(deps, identifier);
  }
  return identifier;
}

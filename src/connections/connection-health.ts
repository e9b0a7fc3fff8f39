import type { Connection } from '../store/types';
import type { ProviderManifest } from '../provider-sdk/manifest';
import type { ProviderClient } from '../provider-http/provider-client';
import { readRateHeaders } from '../resilience/rate-headers';

/** What the provider last said of its budget, read as its manifest declares (`resetAt` ISO, where it reports one). */
export interface RateSnapshot { limit: number | null; remaining: number | null; resetAt: string | null; observedAt: string }
export interface LastError { code: string; at: string }

export interface ConnectionHealth {
  /** The circuit breaker this connection's calls go through (its upstream host or sandbox account), in this process. */
  breaker: 'closed' | 'open' | 'half_open';
  /**
   * Our budget for this connection (`limit`: the provider's limit it is built from, the one the
   * provider reported where it follows that), and what the provider last reported (where it reports it).
   */
  rateLimit: { limit: number; intervalMs: number; queued: number; providerReported: RateSnapshot | null };
  lastError: LastError | null;
  lastUsedAt: string | null;
}

/**
 * What a caller (a routing engine's crm-status) needs to know about a connection: breaker state,
 * rate budget, the last error and when it was last used. Observed in memory per process; the last
 * error is also kept on the connection record.
 */
export class ConnectionHealthBook {
  private readonly rates = new Map<string, RateSnapshot>();
  private readonly errors = new Map<string, LastError>();
  private readonly used = new Map<string, string>();
  private readonly persisted = new Map<string, number>();

  /**
   * `persistUse` writes a connection's lastUsedAt to the store, called at most once per
   * `persistEveryMs` per connection so the hot path does not write on every call.
   */
  constructor(private readonly persistUse?: (connectionId: string, at: string) => Promise<unknown>, private readonly persistEveryMs = 60_000) {}

  /** Reads the provider's own budget headers (named in the manifest) off a response. */
  observe(connectionId: string, manifest: ProviderManifest, headers: Record<string, string>): void {
    const now = Date.now();
    const at = new Date(now).toISOString();
    this.used.set(connectionId, at);
    if (this.persistUse && now - (this.persisted.get(connectionId) ?? 0) >= this.persistEveryMs) {
      this.persisted.set(connectionId, now);
      void this.persistUse(connectionId, at).catch(() => undefined);
    }
    const { limit, remaining, resetAt } = readRateHeaders(headers, manifest.rateLimit.headers, now);
    if (remaining === null) return;
    this.rates.set(connectionId, { limit, remaining, resetAt: resetAt === null ? null : new Date(resetAt).toISOString(), observedAt: at });
  }

  failed(connectionId: string, code: string): LastError {
    const e = { code, at: new Date().toISOString() };
    this.errors.set(connectionId, e);
    return e;
  }

  of(connection: Connection, manifest: ProviderManifest, client: ProviderClient): ConnectionHealth {
    const policy = client.policies.get(manifest.id).rateLimit;
    const state = client.breakers.state(client.http.resilienceKeyOf(connection));
    const memo = this.errors.get(connection.id);
    const stored = connection.lastError;
    const lastError = memo && (!stored || memo.at >= stored.at) ? memo : stored;
    return {
      breaker: state === 'half-open' ? 'half_open' : state,
      rateLimit: {
        limit: client.limiters.limitOf(manifest.id, connection.id), intervalMs: policy.intervalMs,
        queued: client.limiters.queued(manifest.id, connection.id),
        providerReported: this.rates.get(connection.id) ?? null,
      },
      lastError,
      lastUsedAt: this.used.get(connection.id) ?? connection.lastUsedAt,
    };
  }
}

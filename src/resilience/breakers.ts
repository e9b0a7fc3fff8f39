import CircuitBreaker from 'opossum';
import type { Logger } from '../logging/logger';
import { ProviderFailureError } from '../errors';
import type { PolicyBook } from './policy-book';
import type { ProviderMetrics } from './provider-metrics';
import type { ResilienceKey } from './resilience-key';

type Action = () => Promise<unknown>;

interface Entry {
  key: ResilienceKey; breaker: CircuitBreaker<[Action], unknown>; openedAt: number; resetTimeoutMs: number;
  rollingCountTimeoutMs: number; lastUsedAt: number;
}

const STATE_VALUE = { close: 0, halfOpen: 1, open: 2 } as const;

/** Idle breakers are looked for at most this often (when a new one is made), not on every call. */
const SWEEP_EVERY_MS = 60_000;

/**
 * One opossum breaker per resilience key (provider + upstream host, or provider + sandbox account:
 * see resilience-key.ts), wrapping a single attempt; its policy is the provider's. Only provider
 * faults count (errors flagged `countsAsProviderFailure`: 5xx, timeouts, network errors); 4xx
 * answers and 429s pass through as successes for the breaker's statistics. While open, calls fail
 * at once with 503 CIRCUIT_OPEN and a Retry-After of the seconds until it half-opens.
 *
 * Keys are as many as the upstreams in use, so a closed breaker idle for longer than its rolling
 * window (whose statistics are then empty: dropping it loses nothing) is dropped with its metric series.
 */
export class Breakers {
  private readonly entries = new Map<string, Entry>();
  private lastSweepAt = 0;

  constructor(private readonly policies: PolicyBook, private readonly logger: Logger, private readonly metrics: ProviderMetrics,
    private readonly now: () => number = Date.now) {
    policies.onChange((providerId) => {
      for (const e of [...this.entries.values()]) if (e.key.provider === providerId) this.drop(e);
    });
  }

  /** Throws CIRCUIT_OPEN without touching anything when the key's breaker is open. */
  assertClosed(key: ResilienceKey): void {
    const e = this.entries.get(key.id);
    if (e && e.breaker.opened) throw this.openError(e);
  }

  async fire<T>(key: ResilienceKey, action: () => Promise<T>): Promise<T> {
    const e = this.entry(key);
    e.lastUsedAt = this.now();
    try {
      return (await e.breaker.fire(action)) as T;
    } catch (err) {
      if ((err as { code?: string }).code === 'EOPENBREAKER') throw this.openError(e);
      throw err;
    } finally {
      e.lastUsedAt = this.now();
    }
  }

  state(key: ResilienceKey): 'closed' | 'open' | 'half-open' {
    const b = this.entries.get(key.id)?.breaker;
    if (!b) return 'closed';
    return b.opened ? 'open' : b.halfOpen ? 'half-open' : 'closed';
  }

  /** Breakers held (tests). */
  get size(): number { return this.entries.size; }

  shutdown(): void {
    for (const e of [...this.entries.values()]) this.drop(e);
  }

  private openError(e: Entry): ProviderFailureError {
    const seconds = Math.max(1, Math.ceil((e.openedAt + e.resetTimeoutMs - Date.now()) / 1000));
    return new ProviderFailureError('CIRCUIT_OPEN', {
      headers: { 'Retry-After': String(seconds) }, details: { provider: e.key.provider, retryAfterSeconds: seconds },
    });
  }

  private entry(key: ResilienceKey): Entry {
    const existing = this.entries.get(key.id);
    if (existing) return existing;
    this.sweep();
    const p = this.policies.get(key.provider).breaker;
    const breaker = new CircuitBreaker<[Action], unknown>((action: Action) => action(), {
      timeout: false, // the provider client times each attempt itself
      errorThresholdPercentage: p.errorThresholdPercentage,
      volumeThreshold: p.volumeThreshold,
      resetTimeout: p.resetTimeoutMs,
      rollingCountTimeout: p.rollingCountTimeoutMs,
      enableSnapshots: false, // nobody listens to them, and each would cost a timer per breaker
      errorFilter: (err: unknown) => !(err as { countsAsProviderFailure?: boolean }).countsAsProviderFailure,
    });
    const entry: Entry = {
      key, breaker, openedAt: 0, resetTimeoutMs: p.resetTimeoutMs, rollingCountTimeoutMs: p.rollingCountTimeoutMs, lastUsedAt: this.now(),
    };
    const labels = { provider: key.provider, upstream: key.upstream };
    const record = (state: keyof typeof STATE_VALUE): void => {
      this.metrics.breakerState.set(labels, STATE_VALUE[state]);
      this.metrics.breakerTransitions.inc({ ...labels, state });
      this.logger.warn({ ...labels, breaker: state }, 'circuit breaker state changed');
    };
    breaker.on('open', () => { entry.openedAt = Date.now(); record('open'); });
    breaker.on('halfOpen', () => record('halfOpen'));
    breaker.on('close', () => record('close'));
    this.entries.set(key.id, entry);
    this.metrics.breakerState.set(labels, 0);
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = now;
    for (const e of [...this.entries.values()]) {
      if (e.breaker.closed && now - e.lastUsedAt > e.rollingCountTimeoutMs) this.drop(e);
    }
  }

  private drop(e: Entry): void {
    e.breaker.shutdown();
    this.entries.delete(e.key.id);
    this.metrics.breakerState.remove({ provider: e.key.provider, upstream: e.key.upstream });
  }
}

import CircuitBreaker from 'opossum';
import type { Logger } from '../logging/logger';
import { ProviderFailureError } from '../errors';
import type { PolicyBook } from './policy-book';
import type { ProviderMetrics } from './provider-metrics';

type Action = () => Promise<unknown>;

interface Entry { breaker: CircuitBreaker<[Action], unknown>; openedAt: number; resetTimeoutMs: number }

const STATE_VALUE = { close: 0, halfOpen: 1, open: 2 } as const;

/**
 * One opossum breaker per provider (DESIGN.md § Resilience), wrapping a single attempt. Only
 * provider faults count (errors flagged `countsAsProviderFailure`: 5xx, timeouts, network errors);
 * 4xx answers and 429s pass through as successes for the breaker's statistics. While open, calls
 * fail at once with 503 CIRCUIT_OPEN and a Retry-After of the seconds until it half-opens.
 */
export class Breakers {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policies: PolicyBook, private readonly logger: Logger, private readonly metrics: ProviderMetrics) {
    policies.onChange((id) => this.drop(id));
  }

  /** Throws CIRCUIT_OPEN without touching anything when the provider's breaker is open. */
  assertClosed(providerId: string): void {
    const e = this.entries.get(providerId);
    if (e && e.breaker.opened) throw this.openError(providerId, e);
  }

  async fire<T>(providerId: string, action: () => Promise<T>): Promise<T> {
    const e = this.entry(providerId);
    try {
      return (await e.breaker.fire(action)) as T;
    } catch (err) {
      if ((err as { code?: string }).code === 'EOPENBREAKER') throw this.openError(providerId, e);
      throw err;
    }
  }

  state(providerId: string): 'closed' | 'open' | 'half-open' {
    const b = this.entries.get(providerId)?.breaker;
    if (!b) return 'closed';
    return b.opened ? 'open' : b.halfOpen ? 'half-open' : 'closed';
  }

  shutdown(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }

  private openError(providerId: string, e: Entry): ProviderFailureError {
    const seconds = Math.max(1, Math.ceil((e.openedAt + e.resetTimeoutMs - Date.now()) / 1000));
    return new ProviderFailureError('CIRCUIT_OPEN', {
      headers: { 'Retry-After': String(seconds) }, details: { provider: providerId, retryAfterSeconds: seconds },
    });
  }

  private entry(providerId: string): Entry {
    const existing = this.entries.get(providerId);
    if (existing) return existing;
    const p = this.policies.get(providerId).breaker;
    const breaker = new CircuitBreaker<[Action], unknown>((action: Action) => action(), {
      timeout: false, // the provider client times each attempt itself
      errorThresholdPercentage: p.errorThresholdPercentage,
      volumeThreshold: p.volumeThreshold,
      resetTimeout: p.resetTimeoutMs,
      rollingCountTimeout: p.rollingCountTimeoutMs,
      errorFilter: (err: unknown) => !(err as { countsAsProviderFailure?: boolean }).countsAsProviderFailure,
    });
    const entry: Entry = { breaker, openedAt: 0, resetTimeoutMs: p.resetTimeoutMs };
    const record = (state: keyof typeof STATE_VALUE): void => {
      this.metrics.breakerState.set({ provider: providerId }, STATE_VALUE[state]);
      this.metrics.breakerTransitions.inc({ provider: providerId, state });
      this.logger.warn({ provider: providerId, breaker: state }, 'circuit breaker state changed');
    };
    breaker.on('open', () => { entry.openedAt = Date.now(); record('open'); });
    breaker.on('halfOpen', () => record('halfOpen'));
    breaker.on('close', () => record('close'));
    this.entries.set(providerId, entry);
    this.metrics.breakerState.set({ provider: providerId }, 0);
    return entry;
  }

  private drop(providerId: string): void {
    this.entries.get(providerId)?.breaker.shutdown();
    this.entries.delete(providerId);
  }
}

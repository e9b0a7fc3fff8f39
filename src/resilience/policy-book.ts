import type { BreakerManifest, ProviderManifest, RateLimitManifest, RetryManifest } from '../provider-sdk/manifest';

/** Everything the resilience layer needs to know about one provider, from its manifest. */
export interface ProviderPolicy {
  rateLimit: RateLimitManifest;
  breaker: BreakerManifest;
  retry: RetryManifest;
  /** A request's overall budget: queueing, attempts and waits all end by then. */
  deadlineMs: number;
  /** Callers waiting for one connection's budget beyond this many are refused at once. */
  maxQueue: number;
}

export interface PolicyDefaults { deadlineMs: number; maxQueue: number }
export const DEFAULT_POLICY: PolicyDefaults = { deadlineMs: 30_000, maxQueue: 500 };

export type PolicyOverride = {
  rateLimit?: Partial<RateLimitManifest>; breaker?: Partial<BreakerManifest>; retry?: Partial<RetryManifest>;
  deadlineMs?: number; maxQueue?: number;
};

/**
 * The manifests' policies plus runtime overrides. Overrides exist for tests and operators (e.g.
 * a small budget so a burst test is quick); breakers and limiters built from an old policy are
 * dropped when it changes.
 */
export class PolicyBook {
  private readonly overrides = new Map<string, PolicyOverride>();
  private readonly listeners: ((providerId: string) => void)[] = [];
  /** Merged policies, built once per provider (read several times per request) until an override changes. */
  private readonly merged = new Map<string, ProviderPolicy>();

  constructor(private readonly manifestOf: (id: string) => ProviderManifest | undefined, private readonly defaults: PolicyDefaults = DEFAULT_POLICY) {}

  get(providerId: string): ProviderPolicy {
    const cached = this.merged.get(providerId);
    if (cached) return cached;
    const policy = this.build(providerId);
    this.merged.set(providerId, policy);
    return policy;
  }

  private build(providerId: string): ProviderPolicy {
    const m = this.manifestOf(providerId);
    if (!m) throw new Error(`unknown provider ${providerId}`);
    const o = this.overrides.get(providerId) ?? {};
    return {
      // An override of the limit pins it: the provider's reported limit is not followed unless the override says so.
      rateLimit: { ...m.rateLimit, ...(o.rateLimit?.requests !== undefined ? { followReportedLimit: false } : {}), ...o.rateLimit },
      breaker: { ...m.breaker, ...o.breaker },
      retry: { ...m.retry, ...o.retry },
      deadlineMs: o.deadlineMs ?? this.defaults.deadlineMs,
      maxQueue: o.maxQueue ?? this.defaults.maxQueue,
    };
  }

  /** Replaces the override of one provider (null clears it). */
  override(providerId: string, override: PolicyOverride | null): void {
    if (override) this.overrides.set(providerId, override);
    else this.overrides.delete(providerId);
    this.merged.delete(providerId);
    for (const l of this.listeners) l(providerId);
  }

  onChange(listener: (providerId: string) => void): void { this.listeners.push(listener); }
}

import client, { type Registry } from 'prom-client';

/**
 * Per-provider metrics (issue 5 §7). Labels are provider and outcome only: never a connection id,
 * which would explode cardinality. Breakers also carry `upstream` (`live:<host>` or `test:<sandbox
 * account>`, resilience-key.ts), naming the breaker a connection actually uses; an idle breaker's
 * series goes with it. Several clients may share one registry (tests run two), so an existing
 * metric of the same name is reused.
 */
function reuse<T extends client.Metric>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export class ProviderMetrics {
  readonly requests: client.Counter<'provider' | 'outcome'>;
  readonly latency: client.Histogram<'provider' | 'outcome'>;
  readonly retries: client.Counter<'provider' | 'reason'>;
  readonly refreshes: client.Counter<'provider' | 'outcome'>;
  readonly breakerState: client.Gauge<'provider' | 'upstream'>;
  readonly breakerTransitions: client.Counter<'provider' | 'upstream' | 'state'>;
  readonly queueDepth: client.Gauge<'provider'>;
  readonly limited: client.Counter<'provider' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = reuse(registry, 'gateway_provider_requests_total', () => new client.Counter({
      name: 'gateway_provider_requests_total', help: 'Attempts sent to providers, by outcome (2xx, 4xx, 5xx, 429, timeout, network)',
      labelNames: ['provider', 'outcome'] as const, registers,
    }));
    this.latency = reuse(registry, 'gateway_provider_request_duration_seconds', () => new client.Histogram({
      name: 'gateway_provider_request_duration_seconds', help: 'Latency of one provider attempt, by outcome',
      labelNames: ['provider', 'outcome'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
    }));
    this.retries = reuse(registry, 'gateway_provider_retries_total', () => new client.Counter({
      name: 'gateway_provider_retries_total', help: 'Retries of provider calls, by reason', labelNames: ['provider', 'reason'] as const, registers,
    }));
    this.refreshes = reuse(registry, 'gateway_provider_token_refreshes_total', () => new client.Counter({
      name: 'gateway_provider_token_refreshes_total', help: 'Access-token refreshes performed, by outcome',
      labelNames: ['provider', 'outcome'] as const, registers,
    }));
    this.breakerState = reuse(registry, 'gateway_provider_breaker_state', () => new client.Gauge({
      name: 'gateway_provider_breaker_state', help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open', labelNames: ['provider', 'upstream'] as const, registers,
    }));
    this.breakerTransitions = reuse(registry, 'gateway_provider_breaker_transitions_total', () => new client.Counter({
      name: 'gateway_provider_breaker_transitions_total', help: 'Circuit breaker state changes', labelNames: ['provider', 'upstream', 'state'] as const, registers,
    }));
    this.queueDepth = reuse(registry, 'gateway_provider_limiter_queue_depth', () => new client.Gauge({
      name: 'gateway_provider_limiter_queue_depth', help: 'Calls waiting for rate budget, summed over connections', labelNames: ['provider'] as const, registers,
    }));
    this.limited = reuse(registry, 'gateway_provider_rate_limited_total', () => new client.Counter({
      name: 'gateway_provider_rate_limited_total', help: 'Calls refused locally for lack of budget (queue full or deadline)',
      labelNames: ['provider', 'reason'] as const, registers,
    }));
  }
}

import client, { type Registry } from 'prom-client';

/**
 * Polling sweeps: how far behind a sweep was when it ran (seconds since the previous sweep of that
 * connection and resource had caught up: the longest a change waited to be seen), and sweeps by
 * outcome. Labels are bounded: provider ids, three resources, three outcomes.
 */
export class SweepMetrics {
  readonly lag: client.Histogram<'provider' | 'resource'>;
  readonly sweeps: client.Counter<'provider' | 'resource' | 'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.lag = (registry.getSingleMetric('gateway_sweep_lag_seconds') as client.Histogram<'provider' | 'resource'> | undefined)
      ?? new client.Histogram({
        name: 'gateway_sweep_lag_seconds', help: 'Seconds between a sweep and the moment its previous sweep had caught up to (change detection delay by polling)',
        labelNames: ['provider', 'resource'] as const, buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600], registers,
      });
    this.sweeps = (registry.getSingleMetric('gateway_sweeps_total') as client.Counter<'provider' | 'resource' | 'outcome'> | undefined)
      ?? new client.Counter({
        name: 'gateway_sweeps_total', help: 'Polling sweeps by outcome (caught_up, partial: more pages left for the next one, failed)',
        labelNames: ['provider', 'resource', 'outcome'] as const, registers,
      });
  }
}

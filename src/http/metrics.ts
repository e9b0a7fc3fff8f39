import client from 'prom-client';
import type { Middleware } from 'koa';

/** The gateway's Prometheus registry: one per app, so tests can build several apps in one process. */
export class GatewayMetrics {
  readonly registry = new client.Registry();
  readonly httpDuration = new client.Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Duration of HTTP requests handled by the gateway, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(opts: { collectDefaults?: boolean } = {}) {
    if (opts.collectDefaults ?? true) client.collectDefaultMetrics({ register: this.registry });
  }
}

/** Route label: the matched pattern (never the raw path, which would explode cardinality). */
export function routeLabel(ctx: { _matchedRoute?: string | RegExp; path: string }): string {
  if (ctx._matchedRoute) return String(ctx._matchedRoute);
  if (ctx.path.startsWith('/sandbox/')) return '/sandbox/*';
  return 'unmatched';
}

declare module 'koa' {
  interface Context { _matchedRoute?: string | RegExp }
}

export type { Middleware };

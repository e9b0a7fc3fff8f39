import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger';
import { routeLabel, type GatewayMetrics } from './metrics';

/** One structured line per request (id, method, route, status, duration) and the duration histogram. */
export function requestLog(logger: Logger, metrics: GatewayMetrics): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(ctx);
      metrics.httpDuration.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      logger.info({
        requestId: ctx.state.requestId, method: ctx.method, route, status: ctx.status,
        durationMs: Math.round(seconds * 1e6) / 1000, ...(ctx.state.errorCode ? { errorCode: ctx.state.errorCode } : {}),
      }, 'request');
    }
  };
}

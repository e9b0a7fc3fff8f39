import type { Middleware } from 'koa';
import { fixedFieldsLogger, type Logger } from '../logging/logger';
import { routeLabel, type GatewayMetrics } from './metrics';

/** One structured line per request (id, method, route, status, duration) and the duration histogram. */
export function requestLog(logger: Logger, metrics: GatewayMetrics): Middleware {
  // Redaction censors by key name, and none of these keys is one it censors: the request line
  // can skip that pass (requestId may be the caller's X-Request-Id, 128 safe characters at most).
  const lines = fixedFieldsLogger(logger);
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(ctx);
      metrics.httpDuration.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      lines.info({
        requestId: ctx.state.requestId, method: ctx.method, route, status: ctx.status,
        durationMs: Math.round(seconds * 1e6) / 1000, ...(ctx.state.errorCode ? { errorCode: ctx.state.errorCode } : {}),
      }, 'request');
    }
  };
}

import type { Middleware } from 'koa';
import { RateLimitedError } from '../errors';

/**
 * The gateway's own per-key limit: a fixed window of `limit` requests per `windowSeconds`.
 * Every response carries X-RateLimit-Limit/Remaining/Reset (Reset = seconds until the window
 * resets); over the limit is 429 RATE_LIMITED with Retry-After. Counted per process.
 */
export function keyRateLimit(opts: { limit: number; windowSeconds: number; now?: () => number }): Middleware {
  const windows = new Map<string, { start: number; count: number }>();
  const now = opts.now ?? (() => Date.now());
  const windowMs = opts.windowSeconds * 1000;
  return async (ctx, next) => {
    const keyId = (ctx.state.auth as { keyId: string }).keyId;
    const t = now();
    let w = windows.get(keyId);
    if (!w || t >= w.start + windowMs) {
      w = { start: t, count: 0 };
      windows.set(keyId, w);
      if (windows.size > 10_000) pruneExpired(windows, t, windowMs);
    }
    w.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
    const headers = {
      'X-RateLimit-Limit': String(opts.limit),
      'X-RateLimit-Remaining': String(Math.max(0, opts.limit - w.count)),
      'X-RateLimit-Reset': String(resetSeconds),
    };
    ctx.set(headers);
    if (w.count > opts.limit) throw new RateLimitedError({ ...headers, 'Retry-After': String(resetSeconds) }, resetSeconds);
    await next();
  };
}

function pruneExpired(windows: Map<string, { start: number }>, t: number, windowMs: number): void {
  for (const [k, w] of windows) if (t >= w.start + windowMs) windows.delete(k);
}

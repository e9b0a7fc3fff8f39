import http from 'node:http';

/**
 * An open-loop load at a fixed rate, for latency rather than saturation: one request every
 * 1000/rate ms (due times kept on a fixed grid, so a slow answer never delays the next send),
 * over a keep-alive pool, latency measured per request with hrtime (sub-millisecond; autocannon
 * reports whole milliseconds, and its `overallRate` sends each connection's quota in a burst at
 * the start of every second, which measures burst queueing instead of added latency).
 */
export interface PacedResult { sent: number; ok: number; non2xx: number; errors: number; durationS: number; p50: number; p90: number; p99: number; max: number }

export async function pacedRun(opts: {
  url: string; headers: Record<string, string>; path?: () => string; rate: number; durationS: number; maxRequests: number;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const base = new URL(opts.url);
  const latencies: number[] = [];
  let ok = 0; let non2xx = 0; let errors = 0; let sent = 0;
  const intervalMs = 1000 / opts.rate;
  const started = performance.now();
  const endAt = started + opts.durationS * 1000;
  const inFlight = new Set<Promise<void>>();
  const fire = (): void => {
    sent += 1;
    const t0 = process.hrtime.bigint();
    const p = new Promise<void>((resolve) => {
      const req = http.request({
        host: base.hostname, port: base.port, path: opts.path ? opts.path() : `${base.pathname}${base.search}`, method: 'GET', headers: opts.headers, agent,
      }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (res.statusCode! >= 200 && res.statusCode! < 300) ok += 1; else non2xx += 1;
          resolve();
        });
      });
      req.setTimeout(20_000, () => req.destroy());
      req.on('error', () => { errors += 1; resolve(); });
      req.end();
    });
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  };
  let next = started;
  while (sent < opts.maxRequests) {
    const now = performance.now();
    if (now >= endAt) break;
    while (next <= now && sent < opts.maxRequests) { fire(); next += intervalMs; }
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await Promise.all([...inFlight]);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 100) / 100 : 0);
  return { sent, ok, non2xx, errors, durationS: (performance.now() - started) / 1000, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1) };
}

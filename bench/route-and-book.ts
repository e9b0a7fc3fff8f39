/**
 * The route-and-book scenario (issue 17): POST /v1/route-and-book with startTime and writeBack on
 * HubSpot + 42min sandboxes mounted in one gateway process, one request after another (each books
 * its own slot with its own Idempotency-Key), end to end: enrich (cached after the first), pages,
 * book, CRM meeting. Reports p50/p99 and the provider requests each call made.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { withScenarioGateway } from './ipc';

export interface RouteAndBookResult { calls: number; p50: number; p99: number; max: number; failures: number; providerRequestsPerCall: number }

interface Setup { apiKey: string; endUserId: string; email: string; starts: string[]; window: { startDate: string; endDate: string } }

const round = (n: number): number => Math.round(n * 100) / 100;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function runRouteAndBook(opts: { calls: number; log(msg: string): void }): Promise<RouteAndBookResult> {
  return withScenarioGateway({}, async (gateway, url) => {
    const s = await gateway.call<Setup>('setupRouteAndBook', { bookings: opts.calls });
    const headers = { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' };
    const base = {
      email: s.email, name: 'Bench Lead', crm: { provider: 'hubspot', endUserId: s.endUserId },
      scheduler: { provider: '42min', endUserId: s.endUserId }, window: s.window, writeBack: true,
    };
    const before = await gateway.call<number>('sandboxTotals', {});
    const took: number[] = [];
    let failures = 0;
    for (const startTime of s.starts.slice(0, opts.calls)) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/route-and-book`, {
        method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ ...base, startTime }),
      });
      const body = (await res.json()) as { data?: { writeBack?: { status: string } } };
      took.push(performance.now() - t0);
      if (res.status !== 201 || body.data?.writeBack?.status !== 'done') failures += 1;
    }
    const after = await gateway.call<number>('sandboxTotals', {});
    const sorted = [...took].sort((a, b) => a - b);
    const result: RouteAndBookResult = {
      calls: took.length, p50: round(pct(sorted, 50)), p99: round(pct(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0), failures,
      providerRequestsPerCall: took.length ? round((after - before) / took.length) : 0,
    };
    opts.log(`route-and-book (HubSpot + 42min, startTime + writeBack), ${result.calls} sequential calls: p50 ${result.p50} ms, p99 ${result.p99} ms, `
      + `max ${result.max} ms; ${result.providerRequestsPerCall} provider requests per call; failures ${failures}`);
    return result;
  });
}

/**
 * The availability scenario (issue 13: slot queries fast enough for voice bots): one scheduling
 * connection in test mode, `GET /v1/availability` for one booking page over 7 days at an even rate,
 * beside the same question asked of the provider's sandbox directly. Reports p50/p99 of both, the
 * latency the gateway adds, and provider requests per availability call (1 where the provider
 * answers a range in one call). Its own gateway process, with the sandboxes mounted in it.
 */
import { withScenarioGateway } from './ipc';
import { pacedRun, type PacedResult } from './paced';

export interface AvailabilityResult {
  provider: string; rate: number; durationS: number;
  gateway: PacedResult; reference: PacedResult;
  addedP50Ms: number; addedP99Ms: number; providerRequestsPerCall: number; slotsPerAnswer: number;
}

interface SchedulingSetup { apiKey: string; endUserId: string; bookingPageId: string; providerKey: string; sandboxAccount: string }

const round = (n: number): number => Math.round(n * 100) / 100;

export async function runAvailability(opts: { provider: string; rate: number; durationS: number; log(msg: string): void }): Promise<AvailabilityResult> {
  return withScenarioGateway({ BENCH_PROVIDER: opts.provider, BENCH_LIMIT_REQUESTS: '10000000', BENCH_LIMIT_INTERVAL_MS: '10000' }, async (gateway, url) => {
    const s = await gateway.call<SchedulingSetup>('setupScheduling', { provider: opts.provider });
    const from = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1));
    const to = new Date(from.getTime() + 7 * 86_400_000);
    const gwPath = `/v1/availability?provider=${opts.provider}&endUserId=${s.endUserId}&bookingPageId=${encodeURIComponent(s.bookingPageId)}`
      + `&startDate=${from.toISOString()}&endDate=${to.toISOString()}`;
    const first = await fetch(`${url}${gwPath}`, { headers: { authorization: `Bearer ${s.apiKey}` } });
    const slots = ((await first.json()) as { data?: unknown[] }).data?.length ?? 0;
    if (first.status !== 200) throw new Error(`availability answered ${first.status}`);
    // The same range asked of the sandbox directly (its one-call slots endpoint).
    const refUrl = `${url}/sandbox/${opts.provider}/v1/slots?event_type_id=${encodeURIComponent(s.bookingPageId)}&start=${from.toISOString()}&end=${to.toISOString()}`;
    const ref = await fetch(refUrl, { headers: { authorization: `Bearer ${s.providerKey}` } });
    if (ref.status !== 200) throw new Error(`sandbox slots answered ${ref.status}`);
    await ref.arrayBuffer();
    opts.log(`availability: booking page ${s.bookingPageId}, ${slots} free slots over 7 days`);

    const amount = opts.rate * opts.durationS + 10;
    const reference = await pacedRun({ url: refUrl, headers: { authorization: `Bearer ${s.providerKey}` }, rate: opts.rate, durationS: opts.durationS, maxRequests: amount });
    const before = await gateway.call<number>('sandboxRequests', { provider: opts.provider, account: s.sandboxAccount });
    const gw = await pacedRun({ url: `${url}${gwPath}`, headers: { authorization: `Bearer ${s.apiKey}` }, rate: opts.rate, durationS: opts.durationS, maxRequests: amount });
    const after = await gateway.call<number>('sandboxRequests', { provider: opts.provider, account: s.sandboxAccount });
    const calls = gw.ok + gw.non2xx;
    const result: AvailabilityResult = {
      provider: opts.provider, rate: opts.rate, durationS: opts.durationS, gateway: gw, reference,
      addedP50Ms: round(gw.p50 - reference.p50), addedP99Ms: round(gw.p99 - reference.p99),
      providerRequestsPerCall: calls ? round((after - before) / calls) : 0, slotsPerAnswer: slots,
    };
    opts.log(`availability (${opts.provider}, 7 days) @${opts.rate}/s: p50 ${round(gw.p50)} ms, p99 ${round(gw.p99)} ms; `
      + `sandbox direct p50 ${round(reference.p50)} ms, p99 ${round(reference.p99)} ms; ${result.providerRequestsPerCall} provider requests per call; `
      + `errors ${gw.errors}, non-2xx ${gw.non2xx}`);
    return result;
  });
}

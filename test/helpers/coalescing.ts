/**
 * The coalescing scenario of issue 7, shared by the per-provider enrichment tests: 500 concurrent
 * single-email /v1/enrich calls — 100 distinct emails (known contacts, then addresses that match
 * nobody) asked five times each, every other round upper-cased — checked for correctness, and
 * counted at the sandbox. Each test applies its own provider's bound to the counts.
 */
/**
 * Gateway settings for these tests: a 50 ms quiet window (default 5 ms) and a 1 s cap (default
 * 100 ms). On a loaded machine 500 concurrent HTTP calls reach the gateway over several hundred
 * milliseconds with gaps longer than 5 ms, which splits batches by scheduling luck (13 requests for
 * a bound of 10 was seen); the bounds are about coalescing, not about the machine's load.
 */
export const COALESCING_ENV = { ENRICH_WINDOW_MS: '50', ENRICH_MAX_WAIT_MS: '1000' } as const;

export interface SandboxCounts { totalRequests: number; rateLimited: number; requests: Record<string, number> }
type Call = Promise<{ status: number; body: any }>;

export interface CoalescingRun {
  /** Requests the sandbox received during the run. */
  used: number;
  rateLimited: number;
  /** The sandbox's per-endpoint counts during the run (for failure messages). */
  delta: Record<string, number>;
  before: SandboxCounts;
  after: SandboxCounts;
}

export async function coalescedLookups(opts: {
  known: { id: string; email: string }[];
  enrich: (emails: string[]) => Call;
  stats: () => Promise<SandboxCounts>;
}): Promise<CoalescingRun> {
  const known = opts.known.slice(0, 80);
  const distinct = [...known.map((c) => c.email), ...Array.from({ length: 100 - known.length }, (_, i) => `phantom-${i}@nowhere.example`)];
  const expected = new Map<string, string | null>([
    ...known.map((c) => [c.email.toLowerCase(), c.id] as const),
    ...distinct.slice(known.length).map((e) => [e, null] as const),
  ]);
  const calls = [0, 1, 2, 3, 4].flatMap((round) => distinct.map((e) => (round % 2 === 0 ? e : e.toUpperCase())));
  const before = await opts.stats();
  const results = await Promise.all(calls.map((e) => opts.enrich([e])));
  const after = await opts.stats();
  expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  for (const r of results) {
    const [row] = r.body.data as { email: string; match: string | null; contact: { id: string } | null }[];
    const want = expected.get(row.email);
    expect(want).not.toBeUndefined();
    expect(row.contact?.id ?? null).toBe(want);
    expect(row.match === null).toBe(want === null);
  }
  const delta = Object.fromEntries(Object.entries(after.requests)
    .map(([k, v]): [string, number] => [k, v - (before.requests[k] ?? 0)]).filter(([, v]) => v > 0));
  return { used: after.totalRequests - before.totalRequests, rateLimited: after.rateLimited - before.rateLimited, delta, before, after };
}

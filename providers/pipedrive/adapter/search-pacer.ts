/**
 * Pipedrive's search API has its own burst window, 10 requests per 2 s on every plan
 * (reference/providers.md §3.5), far below the 80 the gateway's per-connection limiter allows. That
 * limiter knows one budget per provider, so enrichment paces its person searches here, per
 * connection, across concurrent batches. One slot of the window is left for the contacts `email`
 * filter and lead creation, which also search.
 */
const WINDOW_MS = 2000;
const PER_WINDOW = 9;
const recent = new Map<string, number[]>();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when one more search for this connection fits in the window, and counts it. */
export async function searchSlot(connectionId: string): Promise<void> {
  for (;;) {
    const now = Date.now();
    const times = (recent.get(connectionId) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length < PER_WINDOW) {
      times.push(now);
      recent.set(connectionId, times);
      return;
    }
    recent.set(connectionId, times);
    await sleep(times[0] + WINDOW_MS - now + 1);
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * What enrichment learned about the size of an account's person and lead lists, per connection.
 *
 * Pipedrive has no batch email lookup (reference/providers.md §3.2): N emails cost N person searches,
 * and searches have their own 10-per-2-s window and cost 40 daily tokens each (§3.5). On a small
 * account one list page (500 records, ~10 tokens on v2) answers every email at once. Whether an
 * account is small is only known by reading its list, so the outcome of that walk is remembered
 * for a few minutes: a large account is not probed again on every batch, a small one goes straight
 * to its list. Losing this memory (restart, another instance) only costs one probe.
 */
export type ListKind = 'persons' | 'leads';

interface Shape { pages: number; complete: boolean; until: number }

const TTL_MS = 5 * 60_000;
/** Enough for every connection of a busy gateway; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 10_000;
const shapes = new Map<string, Shape>();

const keyOf = (connectionId: string, kind: ListKind): string => `${connectionId}\u0000${kind}`;

export function rememberShape(connectionId: string, kind: ListKind, pages: number, complete: boolean, now = Date.now()): void {
  const key = keyOf(connectionId, kind);
  shapes.delete(key);
  if (shapes.size >= MAX_ENTRIES) shapes.delete(shapes.keys().next().value as string);
  shapes.set(key, { pages, complete, until: now + TTL_MS });
}

/**
 * How many list pages to walk before giving up on the list, given that walking more than
 * `maxPages` would cost more than the alternative: `maxPages` when the list is known to fit (or is
 * unknown, so one walk finds out), 0 when it is known not to fit.
 */
export function pagesToWalk(connectionId: string, kind: ListKind, maxPages: number, now = Date.now()): number {
  if (maxPages <= 0) return 0;
  const s = shapes.get(keyOf(connectionId, kind));
  if (!s || s.until <= now) return maxPages;
  if (s.complete) return s.pages <= maxPages ? maxPages : 0;
  return s.pages >= maxPages ? 0 : maxPages;
}

/** Tests start from an unknown account. */
export function forgetShapes(): void {
  shapes.clear();
}

export interface Walk<T> { items: T[]; pages: number; complete: boolean }

/** Reads up to `maxPages` pages of a list; `complete` says whether it reached the end. */
export async function walkPages<T>(maxPages: number, page: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): Promise<Walk<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const res = await page(cursor);
    items.push(...res.items);
    if (res.next === null) return { items, pages, complete: true };
    if (pages >= maxPages) return { items, pages, complete: false };
    cursor = res.next;
  }
}

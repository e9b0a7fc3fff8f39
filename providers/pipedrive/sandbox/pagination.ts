import type { SandboxKit } from '../../../src/provider-sdk';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './constants';
import { badRequest } from './envelope';
import { intParam, invalid, type Query, stringParam } from './input';

/**
 * Pipedrive's two pagination styles (reference/providers.md §3.2):
 * - v2: `cursor` & `limit` → `additional_data.next_cursor`, `null` at the end of the dataset.
 * - v1: `start` & `limit` → `additional_data.pagination {start, limit, more_items_in_collection, next_start}`.
 */
type SortKey = string | number;
export type SortDirection = 'asc' | 'desc';

interface CursorPayload { r: string; s: string; d: SortDirection; k: SortKey; id: number | string }

/** v2 `limit`: default 100, 1..500; v2 does not coerce, so out-of-range is a 400. */
export function v2Limit(q: Query): number {
  const limit = intParam(q, 'limit', 1);
  if (limit !== undefined && limit > MAX_PAGE_LIMIT) throw invalid('limit', `Parameter 'limit' must be <= ${MAX_PAGE_LIMIT}`);
  return limit ?? DEFAULT_PAGE_LIMIT;
}

export interface KeysetOptions<T> {
  /** Ties the cursor to one list endpoint, so a persons cursor is refused by activities. */
  resource: string;
  sortBy: string;
  direction: SortDirection;
  sortValue(item: T): SortKey;
  limit: number;
  cursor: string | undefined;
}

/**
 * A keyset page over `items` ordered by (sort value, id). The opaque cursor (signed by the kit, so it
 * survives restarts) names the last item returned, so records created or deleted between pages
 * neither repeat nor shift the rest.
 */
export function keysetPage<T extends { id: number | string }>(kit: SandboxKit, items: T[], o: KeysetOptions<T>): { data: T[]; nextCursor: string | null } {
  let sortBy = o.sortBy;
  let direction = o.direction;
  let after: { k: SortKey; id: number | string } | null = null;
  if (o.cursor !== undefined && o.cursor !== '') {
    const c = kit.unseal<CursorPayload>(o.cursor);
    if (!c || c.r !== o.resource) throw badRequest('Invalid cursor');
    // The cursor remembers the order it was issued for.
    sortBy = c.s;
    direction = c.d;
    after = { k: c.k, id: c.id };
  }
  const value = sortBy === o.sortBy ? o.sortValue : (t: T) => (t as Record<string, unknown>)[sortBy] as SortKey;
  const sign = direction === 'asc' ? 1 : -1;
  const cmp = (a: { k: SortKey; id: number | string }, b: { k: SortKey; id: number | string }): number =>
    sign * (compare(a.k, b.k) || compare(a.id, b.id));
  const sorted = items.map((t) => ({ t, key: { k: value(t) ?? '', id: t.id } })).sort((a, b) => cmp(a.key, b.key));
  const rest = after ? sorted.filter((x) => cmp(x.key, after) > 0) : sorted;
  const page = rest.slice(0, o.limit);
  const last = page[page.length - 1];
  const nextCursor = rest.length > o.limit && last
    ? kit.seal({ r: o.resource, s: sortBy, d: direction, k: last.key.k, id: last.key.id } satisfies CursorPayload)
    : null;
  return { data: page.map((x) => x.t), nextCursor };
}

/** An offset cursor for ranked results (search), where there is no stable sort key. */
export function offsetCursorPage<T>(kit: SandboxKit, items: T[], resource: string, limit: number, cursor: string | undefined): { data: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor !== undefined && cursor !== '') {
    const c = kit.unseal<{ r: string; o: number }>(cursor);
    if (!c || c.r !== resource) throw badRequest('Invalid cursor');
    offset = c.o;
  }
  const data = items.slice(offset, offset + limit);
  const next = offset + limit;
  return { data, nextCursor: next < items.length ? kit.seal({ r: resource, o: next }) : null };
}

export interface V1Pagination { start: number; limit: number; more_items_in_collection: boolean; next_start?: number }

/**
 * v1 `start` & `limit` (max 500; v1 caps larger values rather than failing). `next_start` is only
 * present when there are more items.
 */
export function offsetPage<T>(items: T[], q: Query): { data: T[]; pagination: V1Pagination } {
  const start = intParam(q, 'start', 0) ?? 0;
  const limit = Math.min(intParam(q, 'limit', 1) ?? DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT);
  const data = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { data, pagination: more ? { start, limit, more_items_in_collection: true, next_start: start + limit } : { start, limit, more_items_in_collection: false } };
}

export function sortDirection(q: Query): SortDirection {
  const d = stringParam(q, 'sort_direction');
  if (d === undefined || d === '') return 'asc';
  if (d !== 'asc' && d !== 'desc') throw invalid('sort_direction', "Parameter 'sort_direction' must be one of asc, desc");
  return d;
}

function compare(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

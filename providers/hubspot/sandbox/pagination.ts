import type { Context } from 'koa';
import type { HsRecord } from './state';

/**
 * HubSpot's list paging (§1.3): cursor `after` → `paging.next.after`, no `paging.next` on the last
 * page. The cursor is the id to resume from (numeric, like HubSpot's), so deletions between pages
 * neither skip nor repeat records. Search paging is an offset instead (see search.ts).
 */
export function queryString(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `limit` for list endpoints: default 10, values above 100 are clamped to 100 (§1.3; clamping UNCONFIRMED). */
export function listLimit(raw: string | undefined, max = 100, fallback = 10): number {
  const n = raw === undefined ? fallback : Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) return fallback;
  return Math.min(n, max);
}

export interface Page<T> { results: T[]; nextAfter: string | null }

/** Records sorted by numeric id, starting at id >= after. */
export function pageById(records: HsRecord[], after: string | undefined, limit: number): Page<HsRecord> {
  const from = after !== undefined && /^\d+$/.test(after) ? Number(after) : 0;
  const sorted = records.filter((r) => Number(r.id) >= from).sort((a, b) => Number(a.id) - Number(b.id));
  const results = sorted.slice(0, limit);
  const more = sorted.length > limit;
  return { results, nextAfter: more ? String(Number(results[results.length - 1].id) + 1) : null };
}

/** `paging` of a list response, with HubSpot's `link` to the next page. */
export function pagingOf(base: string, path: string, nextAfter: string | null, limit: number): Record<string, unknown> | undefined {
  if (nextAfter === null) return undefined;
  return { next: { after: nextAfter, link: `${base}${path}?limit=${limit}&after=${encodeURIComponent(nextAfter)}` } };
}

import type Koa from 'koa';
import { ApiError, type Pagination } from './envelope';

/** Query-parameter readers shared by the list endpoints; a bad value is 400 VALIDATION_ERROR naming it. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function q(ctx: Koa.Context, name: string): string | undefined {
  const v = ctx.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

/** A positive integer id from a number or a numeric string, or null. */
export function toId(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v)) return Number(v);
  return null;
}

/** `?id=` of PUT/DELETE (400 when missing; an id that cannot exist is simply not found). */
export function requiredIdParam(ctx: Koa.Context): number {
  const raw = q(ctx, 'id');
  if (raw === undefined) throw new ApiError('BAD_REQUEST', 'The id query parameter is required.');
  const id = toId(raw);
  if (id === null) throw ApiError.notFound();
  return id;
}

export function idQuery(ctx: Koa.Context, name: string): number | undefined {
  const raw = q(ctx, name);
  if (raw === undefined) return undefined;
  const id = toId(raw);
  if (id === null) throw ApiError.query(name, 'Must be a positive integer');
  return id;
}

export function parseIso(v: unknown): number | null {
  if (typeof v !== 'string' || !ISO_8601.test(v)) return null;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(ms) ? null : ms;
}

export const isDateOnly = (v: string): boolean => DATE_ONLY.test(v);

/** An ISO 8601 query parameter as ms; `endOfDay` moves a date-only value to the next midnight (the day is included). */
export function dateQuery(ctx: Koa.Context, name: string, endOfDay = false, toUtc: (localMidnightMs: number) => number = (x) => x): number | undefined {
  const raw = q(ctx, name);
  if (raw === undefined) return undefined;
  const ms = parseIso(raw);
  if (ms === null) throw ApiError.query(name, 'Must be a valid ISO 8601 date');
  if (!isDateOnly(raw)) return ms;
  return toUtc(ms + (endOfDay ? 86_400_000 : 0));
}

export interface PageRequest { page: number; limit: number }

export function pageQuery(ctx: Koa.Context): PageRequest {
  const int = (name: string, def: number, max: number): number => {
    const raw = q(ctx, name);
    if (raw === undefined) return def;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw ApiError.query(name, 'Must be a positive integer');
    if (Number(raw) > max) throw ApiError.query(name, `Must be at most ${max}`);
    return Number(raw);
  };
  return { page: int('page', 1, Number.MAX_SAFE_INTEGER), limit: int('limit', 50, 100) };
}

/** Orders by updatedAt then id when `updatedSince` was given, by id otherwise; cuts one page. */
export function paginate<T extends { id: number; updatedAt: number }>(items: T[], req: PageRequest, byUpdated: boolean): { items: T[]; pagination: Pagination } {
  const sorted = [...items].sort((a, b) => (byUpdated ? a.updatedAt - b.updatedAt : 0) || a.id - b.id);
  const from = (req.page - 1) * req.limit;
  const page = sorted.slice(from, from + req.limit);
  return { items: page, pagination: { page: req.page, limit: req.limit, total: sorted.length, hasMore: from + page.length < sorted.length } };
}

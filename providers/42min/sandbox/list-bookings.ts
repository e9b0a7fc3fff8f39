import { createHash } from 'node:crypto';
import type Koa from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import { listView, type AccountState, type Booking } from './model';
import { isUuid, parseIso } from './validate';

/**
 * GET /v1/bookings (seed 003): filters, five sort orders, `limit` (default 20, max 100) and an
 * opaque cursor in meta.next_cursor. The cursor is keyset-based (sealed sort value + uid), so
 * writes between pages neither skip nor repeat records, and it is bound to the query: reusing it
 * with other filters or another sort is 400 invalid_query_param (details.param "cursor").
 */
const SORTS = {
  start_at_desc: { field: 'start_at', dir: -1 },
  start_at_asc: { field: 'start_at', dir: 1 },
  created_at_desc: { field: 'created_at', dir: -1 },
  updated_at_asc: { field: 'updated_at', dir: 1 },
  updated_at_desc: { field: 'updated_at', dir: -1 },
} as const;
type SortName = keyof typeof SORTS;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

interface ListQuery {
  sort: SortName;
  event_type_id?: string;
  host_user_id?: string;
  attendee_email?: string;
  status?: string[];
  start_date?: number;
  end_date?: number;
  updated_since?: number;
  include_cancelled: boolean;
}
interface Cursor { q: string; v: string; u: string }

export interface ListPage { data: Booking[]; next_cursor: string | null; has_more: boolean }

function badParam(param: string, message: string): ApiError {
  return new ApiError(400, 'invalid_query_param', message, { param });
}

function single(ctx: Koa.Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** "canceled" is the seed's status value; the British spelling is accepted as a synonym. */
const normaliseStatus = (s: string): string => (s === 'cancelled' ? 'canceled' : s);

function parseQuery(ctx: Koa.Context): { query: ListQuery; limit: number; cursor?: string } {
  const limitRaw = single(ctx, 'limit');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
  if (!/^\d+$/.test(limitRaw ?? '20') || limit < 1 || limit > MAX_LIMIT) {
    throw badParam('limit', `limit must be an integer between 1 and ${MAX_LIMIT}.`);
  }
  const sort = single(ctx, 'sort') ?? 'start_at_desc';
  if (!(sort in SORTS)) throw badParam('sort', `sort must be one of ${Object.keys(SORTS).join(', ')}.`);
  const query: ListQuery = { sort: sort as SortName, include_cancelled: true };
  for (const p of ['event_type_id', 'host_user_id'] as const) {
    const v = single(ctx, p);
    if (v === undefined) continue;
    if (!isUuid(v)) throw badParam(p, `${p} must be a UUID.`);
    query[p] = v.toLowerCase();
  }
  const email = single(ctx, 'attendee_email');
  if (email !== undefined) query.attendee_email = email;
  const status = single(ctx, 'status');
  if (status !== undefined) {
    const list = status.split(',').map((s) => s.trim()).filter(Boolean).map(normaliseStatus);
    if (list.length === 0) throw badParam('status', 'status must list at least one value.');
    query.status = list;
  }
  for (const p of ['start_date', 'end_date', 'updated_since'] as const) {
    const v = single(ctx, p);
    if (v === undefined) continue;
    const ms = parseIso(v);
    if (ms === null) throw badParam(p, `${p} must be an ISO 8601 timestamp.`);
    query[p] = ms;
  }
  const inc = single(ctx, 'include_cancelled');
  if (inc !== undefined) {
    if (inc !== 'true' && inc !== 'false') throw badParam('include_cancelled', 'include_cancelled must be true or false.');
    query.include_cancelled = inc === 'true';
  }
  return { query, limit, cursor: single(ctx, 'cursor') };
}

function matches(b: Booking, q: ListQuery): boolean {
  if (q.event_type_id && b.event_type_id !== q.event_type_id) return false;
  if (q.host_user_id && b.host.user_id !== q.host_user_id) return false;
  if (q.attendee_email !== undefined && !b.attendees.some((a) => a.email === q.attendee_email)) return false;
  if (q.status) {
    if (!q.status.includes(b.status)) return false;
  } else if (!q.include_cancelled && b.status === 'canceled') {
    return false;
  }
  const start = Date.parse(b.start_at);
  if (q.start_date !== undefined && start < q.start_date) return false;
  if (q.end_date !== undefined && start > q.end_date) return false;
  if (q.updated_since !== undefined && Date.parse(b.updated_at) < q.updated_since) return false;
  return true;
}

/** Orders by the sort field (ISO strings of one format compare like times), ties broken by uid. */
function compare(sort: SortName, a: { v: string; u: string }, b: { v: string; u: string }): number {
  const { dir } = SORTS[sort];
  if (a.v !== b.v) return a.v < b.v ? -dir : dir;
  return a.u < b.u ? -dir : a.u > b.u ? dir : 0;
}

export function listBookings(kit: SandboxKit, ctx: Koa.Context, state: AccountState): ListPage {
  const { query, limit, cursor } = parseQuery(ctx);
  const queryHash = createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
  const field = SORTS[query.sort].field;
  const keyOf = (b: Booking) => ({ v: b[field], u: b.uid });
  let after: Cursor | null = null;
  if (cursor !== undefined) {
    after = kit.unseal<Cursor>(cursor);
    if (!after || after.q !== queryHash || typeof after.v !== 'string' || typeof after.u !== 'string') {
      throw badParam('cursor', 'cursor is invalid or does not belong to this query.');
    }
  }
  const from = after;
  const sorted = [...state.bookings.values()]
    .filter((b) => matches(b, query))
    .filter((b) => from === null || compare(query.sort, keyOf(b), from) > 0)
    .sort((a, b) => compare(query.sort, keyOf(a), keyOf(b)));
  const page = sorted.slice(0, limit);
  const hasMore = sorted.length > limit;
  const last = page[page.length - 1];
  const next = hasMore && last ? kit.seal({ q: queryHash, ...keyOf(last) } satisfies Cursor) : null;
  return { data: page.map(listView), next_cursor: next, has_more: hasMore };
}

import type { Context } from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { sendOk } from './envelope';
import { enumParam, intParam, invalid, rfc3339Param, stringParam, type Query } from './input';
import { keysetPage, sortDirection, v2Limit } from './pagination';

/**
 * The list behaviour v2 endpoints share (reference/providers.md §3.2, §3.4): `owner_id`,
 * `updated_since` (inclusive) / `updated_until` (exclusive), `ids`, `sort_by` + `sort_direction`,
 * then a cursor page. Resource-specific filters are applied by the caller before this.
 */
interface Listable { id: number; owner_id: number; add_time: string; update_time: string }

export interface V2ListOptions<T> {
  /** Sort fields beyond id / update_time / add_time (e.g. activities' due_date). */
  extraSorts?: Record<string, (t: T) => string | number>;
  /** The wire view of a record, where the list shows less than a get. */
  present?: (t: T) => unknown;
}

export function sendV2List<T extends Listable>(ctx: Context, kit: SandboxKit, resource: string, items: T[], opts: V2ListOptions<T> = {}): void {
  const q = ctx.query as Query;
  const owner = intParam(q, 'owner_id', 1);
  const since = rfc3339Param(q, 'updated_since');
  const until = rfc3339Param(q, 'updated_until');
  const ids = idsParam(q);
  const sorts: Record<string, (t: T) => string | number> = {
    id: (t) => t.id, update_time: (t) => t.update_time, add_time: (t) => t.add_time, ...opts.extraSorts,
  };
  const sortBy = enumParam(q, 'sort_by', Object.keys(sorts)) ?? 'id';
  const direction = sortDirection(q);
  const limit = v2Limit(q);
  const filtered = items.filter((t) =>
    (owner === undefined || t.owner_id === owner)
    && (since === undefined || Date.parse(t.update_time) >= since)
    && (until === undefined || Date.parse(t.update_time) < until)
    && (ids === undefined || ids.has(t.id)));
  const page = keysetPage(kit, filtered, { resource, sortBy, direction, sortValue: sorts[sortBy], limit, cursor: stringParam(q, 'cursor') });
  sendOk(ctx, opts.present ? page.data.map(opts.present) : page.data, { next_cursor: page.nextCursor });
}

/** `ids`: comma-separated, up to 100 (SDK v2 list parameters). */
function idsParam(q: Query): Set<number> | undefined {
  const raw = stringParam(q, 'ids');
  if (raw === undefined || raw === '') return undefined;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length > 100 || parts.some((p) => !/^\d+$/.test(p))) throw invalid('ids', "Parameter 'ids' must be a comma-separated list of up to 100 integers");
  return new Set(parts.map(Number));
}

/** A numeric path id; v2 does not coerce, so `/persons/abc` is a 400. */
export function numericId(ctx: Context): number {
  const raw = (ctx as Context & { params: Record<string, string> }).params.id;
  if (!/^\d+$/.test(raw)) throw invalid('id', "Parameter 'id' must be an integer");
  return Number(raw);
}

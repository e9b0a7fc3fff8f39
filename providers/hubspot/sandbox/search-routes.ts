import type Router from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { crmRoute } from './auth-guard';
import { validationError } from './errors';
import { OBJECT_PREFIXES } from './objects-routes';
import { matchesFilter, OPERATORS, sortValue, type Filter } from './search-filter';
import { toWire } from './serialize';
import { liveRecords, type HsRecord, type ObjectType } from './state';

/**
 * POST /crm/v3/objects/{type}/search (reference/providers.md §1.3): filterGroups (≤5 groups, ≤6
 * filters each, 18 in all), sorts, properties, free-text `query`, limit ≤200, and an offset cursor
 * `after`; a query can never reach past 10,000 results (400). Archived records never show.
 * Budget: 5 requests/second per account, without rate-limit headers (§1.6).
 */
export const SEARCH_RESULT_CAP = 10_000;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const MAX_LIMIT = 200;

const QUERY_FIELDS: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company', 'hs_additional_emails'],
  leads: ['hs_lead_name'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
};

interface SearchBody {
  filterGroups?: { filters?: Filter[] }[];
  sorts?: (string | { propertyName?: string; direction?: string })[];
  properties?: string[];
  query?: string;
  limit?: number | string;
  after?: number | string;
}

interface Sort { name: string; desc: boolean }

function parseSorts(raw: SearchBody['sorts']): Sort[] {
  return (raw ?? []).map((s) => typeof s === 'string'
    ? { name: s.replace(/^-/, ''), desc: s.startsWith('-') }
    : { name: s.propertyName ?? 'hs_object_id', desc: s.direction === 'DESCENDING' });
}

/** Returns an error message for a body HubSpot would refuse, or null. */
function problemOf(b: SearchBody, limit: number, offset: number): string | null {
  const groups = b.filterGroups ?? [];
  if (!Array.isArray(groups)) return 'filterGroups must be an array';
  if (groups.length > MAX_GROUPS) return `Too many filter groups (${groups.length}). The maximum is ${MAX_GROUPS}.`;
  let total = 0;
  for (const g of groups) {
    const filters = g.filters ?? [];
    if (filters.length > MAX_FILTERS_PER_GROUP) return `Too many filters in a filter group (${filters.length}). The maximum is ${MAX_FILTERS_PER_GROUP}.`;
    total += filters.length;
    for (const f of filters) {
      if (typeof f.propertyName !== 'string') return 'Each filter needs a propertyName';
      if (!OPERATORS.includes(f.operator)) return `Invalid operator: ${String(f.operator)}`;
    }
  }
  if (total > MAX_FILTERS) return `Too many filters (${total}). The maximum is ${MAX_FILTERS}.`;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) return `limit must be between 0 and ${MAX_LIMIT}, got ${String(b.limit)}`;
  if (!Number.isInteger(offset) || offset < 0) return `Invalid after: ${String(b.after)}`;
  // §1.3: at most 10,000 results per query; paging past them is a 400 (UNCONFIRMED message).
  if (offset + limit > SEARCH_RESULT_CAP) return `The search API can return at most ${SEARCH_RESULT_CAP} results for a query (after=${offset}, limit=${limit}).`;
  return null;
}

function run(type: ObjectType, records: HsRecord[], b: SearchBody): HsRecord[] {
  const groups = (b.filterGroups ?? []).filter((g) => (g.filters ?? []).length > 0);
  const q = typeof b.query === 'string' ? b.query.trim().toLowerCase() : '';
  const hits = records.filter((r) =>
    (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matchesFilter(type, r, f))))
    && (q === '' || QUERY_FIELDS[type].some((n) => (r.properties[n] ?? '').toLowerCase().includes(q))));
  const sorts = [...parseSorts(b.sorts), { name: 'hs_object_id', desc: false }];
  return hits.sort((x, y) => {
    for (const s of sorts) {
      const a = sortValue(type, x, s.name);
      const c = sortValue(type, y, s.name);
      if (a === c) continue;
      if (a === null) return 1;
      if (c === null) return -1;
      const d = typeof a === 'number' && typeof c === 'number' ? a - c : String(a).localeCompare(String(c));
      if (d !== 0) return s.desc ? -d : d;
    }
    return 0;
  });
}

export function registerSearchRoutes(router: Router, kit: SandboxKit): void {
  for (const prefix of OBJECT_PREFIXES) {
    router.post(`${prefix}/:objectType/search`, crmRoute(kit, { access: 'read', search: true }, async (ctx, req) => {
      const parsed = (await readJson(ctx)) ?? {};
      if (typeof parsed !== 'object' || Array.isArray(parsed)) return validationError(ctx, 'Invalid input JSON: expected an object');
      const b = parsed as SearchBody;
      const limit = b.limit === undefined ? 10 : Number(b.limit);
      const offset = b.after === undefined || b.after === '' ? 0 : Number(b.after);
      const problem = problemOf(b, limit, offset);
      if (problem) return validationError(ctx, problem);
      const hits = run(req.type, liveRecords(req.state, req.type), b);
      const page = hits.slice(offset, offset + limit);
      const next = offset + limit < hits.length ? String(offset + limit) : null;
      ctx.body = {
        total: hits.length,
        results: page.map((r) => toWire(req.state, req.type, r, { properties: Array.isArray(b.properties) ? b.properties : [] })),
        ...(next !== null ? { paging: { next: { after: next } } } : {}),
      };
    }));
  }
}

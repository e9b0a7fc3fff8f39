import type { AdapterContext } from '../../../src/provider-sdk';
import { pdId } from '../mappers/common';
import type { PdOrganization, PdPerson, PdPersonSearch, PdV2Envelope } from '../mappers/wire';

/**
 * The look-ups the three resources share, batched: a page of records needs its organizations'
 * names (and leads their persons) in one or two calls, never one per record.
 */
export const PERSONS = '/api/v2/persons';
export const ORGANIZATIONS = '/api/v2/organizations';
/** v2 list `ids` takes up to 100 ids (SDK v2 list parameters). */
const IDS_PER_CALL = 100;
/** v2 list `limit` max (§3.2). */
export const V2_MAX_LIMIT = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function byIds<T extends { id: number }>(ctx: AdapterContext, path: string, ids: (number | null | undefined)[]): Promise<Map<number, T>> {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
  const found = new Map<number, T>();
  for (const group of chunks(unique, IDS_PER_CALL)) {
    const res = await ctx.http.json<PdV2Envelope<T[] | null>>({ method: 'GET', path, query: { ids: group.join(','), limit: IDS_PER_CALL } });
    for (const record of res.data ?? []) found.set(record.id, record);
  }
  return found;
}

/** Organization names by id (`GET /api/v2/organizations?ids=…`); a deleted organization is simply absent. */
export async function organizationNames(ctx: AdapterContext, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const orgs = await byIds<PdOrganization>(ctx, ORGANIZATIONS, ids);
  return new Map([...orgs].map(([id, org]) => [id, org.name]));
}

export function personsByIds(ctx: AdapterContext, ids: (number | null | undefined)[]): Promise<Map<number, PdPerson>> {
  return byIds<PdPerson>(ctx, PERSONS, ids);
}

/**
 * Person ids whose email is exactly `email` (case-insensitive), in the search's order:
 * `GET /api/v2/persons/search?term=…&fields=email&exact_match=true` (§3.2), one cursor page.
 */
export async function searchPersonIdsByEmail(ctx: AdapterContext, email: string, limit: number, cursor: string | null): Promise<{ ids: number[]; nextCursor: string | null }> {
  const res = await ctx.http.json<PdV2Envelope<PdPersonSearch>>({
    method: 'GET', path: `${PERSONS}/search`,
    query: { term: email, fields: 'email', exact_match: true, limit, cursor: cursor ?? undefined },
  });
  return { ids: (res.data?.items ?? []).map((i) => i.item.id), nextCursor: res.additional_data?.next_cursor ?? null };
}

/**
 * The organization a company name stands for: the first whose name equals it (trimmed,
 * case-insensitive), else a new one. Found by walking `GET /api/v2/organizations`: the v2
 * organization search is not emulated by the sandbox, and a company's organizations are few
 * (README § Mapping). A `companyId` wins over `company`.
 */
export async function resolveOrganization(ctx: AdapterContext, company: string | null | undefined, companyId?: string | null): Promise<number | null | undefined> {
  if (companyId !== undefined && companyId !== null) return pdId(companyId, 'companyId');
  if (company === undefined) return companyId === null ? null : undefined;
  if (company === null || company.trim() === '') return null;
  const wanted = company.trim().toLowerCase();
  let cursor: string | null = null;
  do {
    const res: PdV2Envelope<PdOrganization[] | null> = await ctx.http.json({
      method: 'GET', path: ORGANIZATIONS, query: { limit: V2_MAX_LIMIT, cursor: cursor ?? undefined },
    });
    const hit = (res.data ?? []).find((o) => o.name.trim().toLowerCase() === wanted);
    if (hit) return hit.id;
    cursor = res.additional_data?.next_cursor ?? null;
  } while (cursor);
  const created = await ctx.http.json<PdV2Envelope<PdOrganization>>({ method: 'POST', path: ORGANIZATIONS, body: { name: company.trim() } });
  return created.data.id;
}

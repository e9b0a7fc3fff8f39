import { InvalidInputError, type AdapterContext, type Page, type ProviderRequest } from '../../../src/provider-sdk';
import type { HubspotObject } from '../mappers/wire';

/**
 * The CRM v3 object calls every resource shares (reference/providers.md §1.3–1.5): list with
 * `after`, search for filtered lists, get/create/update/archive by id. Property names are always
 * named explicitly, since HubSpot returns only a small default set otherwise.
 */
export type ObjectType = 'contacts' | 'leads' | 'meetings';
type NotFoundCode = NonNullable<ProviderRequest['notFoundCode']>;

export interface ObjectSpec {
  type: ObjectType;
  properties: string[];
  /** Object types whose associations a read asks for (`associations=contacts`). */
  associations: string[];
  notFoundCode: NotFoundCode;
  /** §1.3: contacts use `lastmodifieddate`, every other object `hs_lastmodifieddate`. */
  modifiedProperty: string;
}

/** §1.3: list pages hold at most 100, search pages 200; a search never reaches past 10,000 results. */
export const LIST_MAX = 100;
export const SEARCH_MAX = 200;
export const SEARCH_CAP = 10_000;
/**
 * Search hits carry no associations (§1.3 search returns properties only), so resources that show
 * associations read each hit back; their search pages are kept this small to stay inside the
 * 110-requests-per-10-s budget (§1.6).
 */
export const SEARCH_READBACK_MAX = 20;

export interface SearchFilter { propertyName: string; operator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'LTE'; value: string }

interface ListBody { results: HubspotObject[]; paging?: { next?: { after?: string } } }

const base = (type: ObjectType): string => `/crm/v3/objects/${type}`;

/**
 * The spec with the account's mapped custom fields (`ctx.extraFields`) added to the properties a
 * read names: HubSpot returns only the properties asked for (§1.3), so unasked mapped fields
 * would read as absent. Unknown names are ignored by HubSpot, so a stale mapping costs nothing.
 */
export function withExtraFields(ctx: AdapterContext, spec: ObjectSpec): ObjectSpec {
  const extra = ctx.extraFields ?? [];
  return extra.length === 0 ? spec : { ...spec, properties: [...new Set([...spec.properties, ...extra])] };
}

function readQuery(spec: ObjectSpec): Record<string, string> {
  const q: Record<string, string> = { properties: spec.properties.join(',') };
  if (spec.associations.length > 0) q.associations = spec.associations.join(',');
  return q;
}

/** Plain list: GET with `limit` ≤100 and `after` = the previous page's `paging.next.after`. */
export async function listObjects(ctx: AdapterContext, spec: ObjectSpec, limit: number, cursor: string | null): Promise<{ results: HubspotObject[]; next: string | null }> {
  const query: Record<string, string | number> = { limit: Math.min(limit, LIST_MAX), ...readQuery(spec) };
  if (cursor !== null) query.after = cursor;
  const body = await ctx.http.json<ListBody>({ method: 'GET', path: base(spec.type), query });
  return { results: body.results, next: body.paging?.next?.after ?? null };
}

/**
 * Filtered list through POST …/search, sorted ascending on the modified date (§1.3's incremental
 * pattern). Search `after` is an offset and a query stops at 10,000 results (400 beyond), so a
 * page is shortened to end at the cap, and a cursor already at the cap is refused before HubSpot
 * would be asked, with the way out (narrow updatedSince) in the message.
 */
export async function searchObjects(ctx: AdapterContext, spec: ObjectSpec, filters: SearchFilter[], limit: number, cursor: string | null, pageMax = SEARCH_MAX): Promise<{ results: HubspotObject[]; next: string | null }> {
  const offset = cursor === null ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidInputError([{ field: 'cursor', message: 'is not a HubSpot search cursor' }]);
  const size = Math.min(limit, pageMax, SEARCH_CAP - offset);
  if (size <= 0) {
    throw new InvalidInputError([{ field: 'updatedSince', message: 'HubSpot search stops at 10,000 results' }],
      'The HubSpot search API 10,000-result cap was reached: narrow updatedSince (e.g. to the updatedAt of the last record you received) and list again');
  }
  const body: Record<string, unknown> = {
    filterGroups: [{ filters }],
    sorts: [{ propertyName: spec.modifiedProperty, direction: 'ASCENDING' }],
    properties: spec.properties,
    limit: size,
  };
  if (cursor !== null) body.after = String(offset);
  const res = await ctx.http.json<ListBody>({ method: 'POST', path: `${base(spec.type)}/search`, body });
  return { results: res.results, next: res.paging?.next?.after ?? null };
}

export function getObject(ctx: AdapterContext, spec: ObjectSpec, id: string): Promise<HubspotObject> {
  return ctx.http.json<HubspotObject>({ method: 'GET', path: `${base(spec.type)}/:id`, params: { id }, query: readQuery(spec), notFoundCode: spec.notFoundCode });
}

export function createObject(ctx: AdapterContext, spec: ObjectSpec, body: unknown): Promise<HubspotObject> {
  return ctx.http.json<HubspotObject>({ method: 'POST', path: base(spec.type), body, idempotencyKey: ctx.idempotencyKey ?? undefined });
}

export function updateObject(ctx: AdapterContext, spec: ObjectSpec, id: string, body: unknown): Promise<HubspotObject> {
  return ctx.http.json<HubspotObject>({ method: 'PATCH', path: `${base(spec.type)}/:id`, params: { id }, body, notFoundCode: spec.notFoundCode });
}

/**
 * Archive. HubSpot answers 204 even for an id it does not have (sandbox README, UNCONFIRMED upstream),
 * so the record is read first: deleting what is not there is the resource's NOT_FOUND, as API.md asks.
 */
export async function deleteObject(ctx: AdapterContext, spec: ObjectSpec, id: string): Promise<void> {
  await ctx.http.json<HubspotObject>({ method: 'GET', path: `${base(spec.type)}/:id`, params: { id }, query: { properties: 'hs_object_id' }, notFoundCode: spec.notFoundCode });
  await ctx.http.json<unknown>({ method: 'DELETE', path: `${base(spec.type)}/:id`, params: { id }, notFoundCode: spec.notFoundCode });
}

/** A write returns only the properties it set; the full record (with associations) is read back. */
export async function writeThenRead(ctx: AdapterContext, spec: ObjectSpec, write: Promise<HubspotObject>): Promise<HubspotObject> {
  const written = await write;
  return getObject(ctx, spec, String(written.id));
}

/** Search for ids only, then read each hit back with its associations (see SEARCH_READBACK_MAX). */
export async function searchAndRead(ctx: AdapterContext, spec: ObjectSpec, filters: SearchFilter[], limit: number, cursor: string | null): Promise<{ results: HubspotObject[]; next: string | null }> {
  const page = await searchObjects(ctx, { ...spec, properties: ['hs_object_id'] }, filters, limit, cursor, SEARCH_READBACK_MAX);
  const results: HubspotObject[] = [];
  for (const hit of page.results) results.push(await getObject(ctx, spec, String(hit.id)));
  return { results, next: page.next };
}

interface BatchBody { results: HubspotObject[] }

/**
 * POST …/batch/read in chunks of 100 (§1.3); ids HubSpot no longer has are simply absent (207).
 * `idProperty` reads by a unique property instead of the record id (`email` for contacts).
 */
export async function batchRead(ctx: AdapterContext, type: ObjectType, ids: string[], properties: string[], idProperty?: string): Promise<HubspotObject[]> {
  const out: HubspotObject[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += LIST_MAX) {
    const inputs = unique.slice(i, i + LIST_MAX).map((id) => ({ id }));
    // 207 (some ids missing) is a 2xx: the found records are in `results`.
    const body = idProperty === undefined ? { inputs, properties } : { inputs, properties, idProperty };
    const res = await ctx.http.json<BatchBody>({ method: 'POST', path: `${base(type)}/batch/read`, body });
    out.push(...(res.results ?? []));
  }
  return out;
}

import { GatewayError, InvalidInputError, NotFoundError, type AdapterContext, type DeletedRecords, type ListFilters, type ListParams } from '../../../src/provider-sdk';
import { toIsoUtc } from '../mappers/wire';
import type { SfQueryResult } from '../mappers/wire';
import { isSalesforceId } from '../soql';

/**
 * Salesforce REST calls shared by the three resources: SOQL with query-locator paging, sObject
 * writes, and by-id reads. Paths are relative to the connection's instance_url (ctx.http adds it),
 * with the API version from the manifest (reference/providers.md §2.2).
 */
export type NotFoundCode = 'CONTACT_NOT_FOUND' | 'LEAD_NOT_FOUND' | 'MEETING_NOT_FOUND';

/**
 * Salesforce's minimum batch (§2.3: 200–2000); the gateway's largest page is 200, so one batch
 * holds at least one gateway page.
 */
const BATCH_SIZE = 200;
/** Salesforce's largest batch (§2.3): look-ups that want every row in as few calls as possible ask for it. */
export const MAX_BATCH_SIZE = 2000;

export const version = (ctx: AdapterContext): string => ctx.manifest.api.version ?? 'v62.0';

export function query<T>(ctx: AdapterContext, soql: string, batchSize = BATCH_SIZE): Promise<SfQueryResult<T>> {
  return ctx.http.json<SfQueryResult<T>>({
    method: 'GET', path: '/services/data/:version/query', params: { version: version(ctx) }, query: { q: soql },
    headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` },
  });
}

/** A `nextRecordsUrl`: relative to instance_url and fetched as is (§2.3), never rebuilt with OFFSET. */
const LOCATOR_PATH = /^\/services\/data\/v\d+\.\d+\/query\/[A-Za-z0-9]+-\d+$/;

function more<T>(ctx: AdapterContext, nextRecordsUrl: string): Promise<SfQueryResult<T>> {
  if (!LOCATOR_PATH.test(nextRecordsUrl)) throw new GatewayError('PROVIDER_ERROR', { message: 'Salesforce sent an unexpected nextRecordsUrl' });
  return ctx.http.json<SfQueryResult<T>>({ method: 'GET', path: nextRecordsUrl });
}

/** Every row of a small query (EventRelation look-ups), following nextRecordsUrl up to `max` rows. */
export async function queryAll<T>(ctx: AdapterContext, soql: string, max: number, batchSize = BATCH_SIZE): Promise<T[]> {
  let page = await query<T>(ctx, soql, batchSize);
  const rows = [...page.records];
  while (!page.done && page.nextRecordsUrl && rows.length < max) {
    page = await more<T>(ctx, page.nextRecordsUrl);
    rows.push(...page.records);
  }
  return rows;
}

/**
 * The gateway cursor: which batch to read (null = run the query; else a nextRecordsUrl) and how many
 * of its rows earlier gateway pages already returned. A batch is larger than a gateway page when
 * `limit` < 200, so one batch may be read more than once; OFFSET is never used.
 */
interface SfCursor { batch: string | null; skip: number }

function parseCursor(raw: string | null): SfCursor {
  if (raw === null) return { batch: null, skip: 0 };
  const bad = new InvalidInputError([{ field: 'cursor', message: 'is not a cursor of this listing' }]);
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw bad; }
  const c = parsed as Partial<SfCursor> | null;
  if (typeof c !== 'object' || c === null || !Number.isInteger(c.skip) || (c.skip as number) < 0) throw bad;
  if (c.batch !== null && (typeof c.batch !== 'string' || !LOCATOR_PATH.test(c.batch))) throw bad;
  return { batch: c.batch, skip: c.skip as number };
}

/** One gateway page of a SOQL listing, and the cursor of the next one (null after the last row). */
export async function listPage<T>(ctx: AdapterContext, soql: string, params: ListParams): Promise<{ records: T[]; nextCursor: string | null }> {
  const cursor = parseCursor(params.cursor);
  const page = cursor.batch === null ? await query<T>(ctx, soql) : await more<T>(ctx, cursor.batch);
  const records = page.records.slice(cursor.skip, cursor.skip + params.limit);
  const consumed = cursor.skip + records.length;
  let next: SfCursor | null = null;
  if (consumed < page.records.length) next = { batch: cursor.batch, skip: consumed };
  else if (!page.done && page.nextRecordsUrl) next = { batch: page.nextRecordsUrl, skip: 0 };
  return { records, nextCursor: next ? JSON.stringify(next) : null };
}

/** An id that cannot be one of this object's ids names no record: *_NOT_FOUND without a call. */
export function assertId(id: string, keyPrefix: string, notFound: NotFoundCode): void {
  if (!isSalesforceId(id, keyPrefix)) throw new NotFoundError(notFound, { providerId: 'salesforce', id });
}

/** Codes Salesforce answers for an id it cannot read as a record id (§2.7): the record does not exist. */
const BAD_ID_CODES = new Set(['MALFORMED_ID', 'INVALID_ID_FIELD', 'INVALID_QUERY_FILTER_OPERATOR']);

async function orNotFound<T>(call: Promise<T>, notFound: NotFoundCode): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const provider = (err as GatewayError).details?.provider as { code?: string } | undefined;
    if (provider?.code && BAD_ID_CODES.has(provider.code)) throw new NotFoundError(notFound, { providerId: 'salesforce', provider });
    throw err;
  }
}

/** The one row a by-id SOQL returns, or *_NOT_FOUND (a deleted record is not returned by /query). */
export async function queryOne<T>(ctx: AdapterContext, soql: string, notFound: NotFoundCode): Promise<T> {
  const page = await orNotFound(query<T>(ctx, soql), notFound);
  const row = page.records[0];
  if (!row) throw new NotFoundError(notFound, { providerId: 'salesforce' });
  return row;
}

/** POST /sobjects/{Object}: 201 `{id, success, errors}` (§2.3); the caller re-reads the record. */
export async function createRecord(ctx: AdapterContext, object: string, body: Record<string, unknown>): Promise<string> {
  const res = await ctx.http.json<{ id: string }>({
    method: 'POST', path: '/services/data/:version/sobjects/:object', params: { version: version(ctx), object }, body,
    idempotencyKey: ctx.idempotencyKey ?? undefined,
  });
  return res.id;
}

/** PATCH /sobjects/{Object}/{id}: 204 with no body (§2.3). */
export async function updateRecord(ctx: AdapterContext, object: string, id: string, body: Record<string, unknown>, notFound: NotFoundCode): Promise<void> {
  await orNotFound(ctx.http.json<unknown>({
    method: 'PATCH', path: '/services/data/:version/sobjects/:object/:id', params: { version: version(ctx), object, id }, body,
    notFoundCode: notFound, idempotencyKey: ctx.idempotencyKey ?? undefined,
  }), notFound);
}

/** DELETE /sobjects/{Object}/{id}: 204; a second delete is 404 ENTITY_IS_DELETED (→ *_NOT_FOUND). */
export async function deleteRecord(ctx: AdapterContext, object: string, id: string, notFound: NotFoundCode): Promise<void> {
  await orNotFound(ctx.http.json<unknown>({
    method: 'DELETE', path: '/services/data/:version/sobjects/:object/:id', params: { version: version(ctx), object, id }, notFoundCode: notFound,
  }), notFound);
}

/**
 * A listing's order: by Id for stable paging, but by (LastModifiedDate, Id) when it is an
 * updatedSince sweep, so that polling can keep a watermark (the unified updatedAt is LastModifiedDate).
 */
export function listOrder(filters: ListFilters): string {
  return filters.updatedSince !== undefined ? 'LastModifiedDate ASC, Id ASC' : 'Id ASC';
}

const MINUTE_MS = 60_000;

/** Whole seconds in UTC: getDeleted reads `start`/`end` as ISO date-times (it ignores the seconds anyway). */
const replicationTime = (iso: string): string => `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/**
 * getDeleted (§2.3): `GET /sobjects/{Object}/deleted/?start&end` → the records deleted in the window
 * and `latestDateCovered`, the next window's start (Salesforce covers whole minutes, so a deletion
 * shows up once its minute is over).
 */
export async function listDeleted(ctx: AdapterContext, object: string, window: { since: string; until: string }): Promise<DeletedRecords> {
  // Seconds are ignored, so a window inside one minute asks for nothing (and would be refused as
  // INVALID_REPLICATION_DATE): no call until a whole minute has passed.
  if (Date.parse(window.until) - Date.parse(window.since) < MINUTE_MS) return { items: [], coveredUntil: window.since };
  const res = await ctx.http.json<{ deletedRecords: Array<{ id: string; deletedDate: string }>; latestDateCovered: string }>({
    method: 'GET', path: '/services/data/:version/sobjects/:object/deleted/', params: { version: version(ctx), object },
    query: { start: replicationTime(window.since), end: replicationTime(window.until) },
  });
  return {
    items: res.deletedRecords.map((d) => ({ id: d.id, deletedAt: toIsoUtc(d.deletedDate) ?? window.until })),
    coveredUntil: toIsoUtc(res.latestDateCovered) ?? window.since,
  };
}

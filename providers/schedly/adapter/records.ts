import { InvalidInputError, type AdapterContext, type Page, type ProviderRequest } from '../../../src/provider-sdk';
import type { Success } from '../mappers/wire';

/**
 * The Services API's record endpoints, one shape for customers and appointments (README § Wire):
 * list `GET <path>?page&limit&<filters>`, read `GET <path>?id=`, create `POST <path>`, update
 * `PUT <path>?id=` (the fields to change), delete `DELETE <path>?id=`; answers `{ status, data }`,
 * lists with `pagination: { page, limit, total, hasMore }`.
 */
export const MAX_PAGE = 100;

type NotFoundCode = NonNullable<ProviderRequest['notFoundCode']>;
type Query = NonNullable<ProviderRequest['query']>;

/**
 * The unified cursor is `<page>.<limit>`: Schedly pages by number, so the page size of the first
 * call is kept for the rest of the walk (a different limit on a later call would skip or repeat
 * records).
 */
export function pageOf(cursor: string | null, limit: number): { page: number; limit: number } {
  if (cursor === null) return { page: 1, limit: Math.min(Math.max(limit, 1), MAX_PAGE) };
  const m = /^(\d{1,7})\.(\d{1,3})$/.exec(cursor);
  if (!m || Number(m[1]) < 2 || Number(m[2]) < 1 || Number(m[2]) > MAX_PAGE) {
    throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor of this listing' }]);
  }
  return { page: Number(m[1]), limit: Number(m[2]) };
}

export async function listRecords<W, R>(
  ctx: AdapterContext, path: string, params: { limit: number; cursor: string | null }, filters: Query, map: (w: W) => R,
): Promise<Page<R>> {
  const { page, limit } = pageOf(params.cursor, params.limit);
  const body = await ctx.http.json<Success<W[]>>({ method: 'GET', path, query: { ...filters, page, limit } });
  const hasMore = body.pagination?.hasMore === true && body.data.length > 0;
  return { items: body.data.map(map), nextCursor: hasMore ? `${page + 1}.${limit}` : null };
}

/** Every page of a small list (services, employees), 100 at a time. */
export async function listAll<W>(ctx: AdapterContext, path: string): Promise<W[]> {
  const out: W[] = [];
  for (let page = 1; ; page += 1) {
    const body = await ctx.http.json<Success<W[]>>({ method: 'GET', path, query: { page, limit: MAX_PAGE } });
    out.push(...body.data);
    if (body.pagination?.hasMore !== true || body.data.length === 0) return out;
  }
}

export async function readRecord<W>(ctx: AdapterContext, path: string, id: string, notFoundCode: NotFoundCode): Promise<W> {
  return (await ctx.http.json<Success<W>>({ method: 'GET', path, query: { id }, notFoundCode })).data;
}

export async function createRecord<W>(ctx: AdapterContext, path: string, body: Record<string, unknown>): Promise<W> {
  return (await ctx.http.json<Success<W>>({ method: 'POST', path, body })).data;
}

export async function updateRecord<W>(ctx: AdapterContext, path: string, id: string, body: Record<string, unknown>, notFoundCode: NotFoundCode): Promise<W> {
  return (await ctx.http.json<Success<W>>({ method: 'PUT', path, query: { id }, body, notFoundCode })).data;
}

export async function deleteRecord(ctx: AdapterContext, path: string, id: string, notFoundCode: NotFoundCode): Promise<void> {
  await ctx.http.json<unknown>({ method: 'DELETE', path, query: { id }, notFoundCode });
}

/** The part of a list answer pagination reads (API.md § Conventions: `meta.nextCursor`, null on the last page). */
export interface ListPage<T> { data: T[]; meta: { nextCursor?: string | null } }

/**
 * Every record of a list route, page after page, for `for await`: `fetchPage` is called with
 * undefined, then with each page's `meta.nextCursor`, until it is null. Pass the cursor as the
 * route's `cursor` query parameter (`after` on /v1/events):
 *
 *   for await (const c of paginate((cursor) => client.GET('/v1/contacts', { params: { query: { provider, endUserId, cursor } } }))) …
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<{ data?: ListPage<T> }>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = (await fetchPage(cursor)).data;
    if (!page) throw new Error('paginate: a page came back without data');
    yield* page.data;
    cursor = page.meta.nextCursor ?? undefined;
    // A cursor met twice would loop for ever: a server bug, reported rather than followed.
    if (cursor !== undefined) {
      if (seen.has(cursor)) throw new Error('paginate: the same nextCursor came back twice');
      seen.add(cursor);
    }
  } while (cursor !== undefined);
}

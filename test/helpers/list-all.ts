/**
 * Follows meta.nextCursor of a unified list to the end, checking every page: 200, at most `limit`
 * records, and hasMore exactly when there is a next cursor. Returns the records and the page count.
 */
export async function listAllPages<R>(
  fetchPage: (query: Record<string, string>) => Promise<{ status: number; body: any }>,
  limit: number,
): Promise<{ records: R[]; pages: number }> {
  const records: R[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await fetchPage({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (res.status !== 200) throw new Error(`list page ${pages + 1}: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    expect(res.body.meta.hasMore).toBe(res.body.meta.nextCursor !== null);
    records.push(...(res.body.data as R[]));
    cursor = res.body.meta.nextCursor as string | null;
    pages += 1;
    if (pages > 1000) throw new Error('too many pages');
  } while (cursor);
  return { records, pages };
}

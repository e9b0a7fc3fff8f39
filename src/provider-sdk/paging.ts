import { InvalidInputError } from '../errors';
import type { Page } from './adapter';

/**
 * Pages a list the provider answers whole in one call (users of most APIs): the cursor is the
 * offset of the next item, checked before the provider is asked. Each page asks the provider
 * again, so a change between pages can move items across a page boundary; such lists are small
 * and rarely change.
 */
export async function pageOfAll<T>(params: { limit: number; cursor: string | null }, fetchAll: () => Promise<T[]>): Promise<Page<T>> {
  let offset = 0;
  if (params.cursor !== null) {
    if (!/^\d{1,9}$/.test(params.cursor)) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor of this listing' }]);
    offset = Number(params.cursor);
  }
  const items = await fetchAll();
  const end = offset + params.limit;
  return { items: items.slice(offset, end), nextCursor: end < items.length ? String(end) : null };
}

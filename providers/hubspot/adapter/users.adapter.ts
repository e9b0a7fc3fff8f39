import type { UsersAdapter } from '../../../src/provider-sdk';
import { toUnifiedUser, type OwnersPage } from '../mappers/owner.mapper';

/**
 * Users = HubSpot owners (GET /crm/v3/owners, scope crm.objects.owners.read, at most 500 a page),
 * paged with HubSpot's own `after`. HubSpot lists archived (deactivated) owners only when asked
 * with archived=true; the unified list is the active owners, the ones records can be given to.
 */
export const usersAdapter: UsersAdapter = {
  async list(ctx, params) {
    const query: Record<string, string | number> = { limit: params.limit, archived: 'false' };
    if (params.cursor !== null) query.after = params.cursor;
    const page = await ctx.http.json<OwnersPage>({ method: 'GET', path: '/crm/v3/owners', query });
    return { items: page.results.map(toUnifiedUser), nextCursor: page.paging?.next?.after ?? null };
  },
};

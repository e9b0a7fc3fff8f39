import { pageOfAll, type UsersAdapter } from '../../../src/provider-sdk';
import { toUnifiedUser, type PdUser } from '../mappers/user.mapper';
import type { PdV1Envelope } from '../mappers/wire';
import { USERS } from './enrich';

/**
 * Users = GET /api/v1/users (scope users:read), which answers every user of the company in one
 * call with no paging; the gateway pages the answer itself (pageOfAll). Deactivated users are
 * listed with active: false.
 */
export const users: UsersAdapter = {
  list: (ctx, params) => pageOfAll(params, async () => {
    const res = await ctx.http.json<PdV1Envelope<PdUser[] | null>>({ method: 'GET', path: USERS });
    return (res.data ?? []).map(toUnifiedUser);
  }),
};

import { pageOfAll, type UsersAdapter } from '../../../src/provider-sdk';
import type { Envelope, HostUser } from '../mappers/booking.types';
import { toUnifiedUser } from '../mappers/user.mapper';

/**
 * Users = the account's hosts, GET /v1/users. UNCONFIRMED (README § Assumptions): not in the seeds;
 * the sandbox answers every host in one call, so the gateway pages the answer itself.
 */
export const usersAdapter: UsersAdapter = {
  list: (ctx, params) => pageOfAll(params, async () => {
    const body = await ctx.http.json<Envelope<HostUser[]>>({ method: 'GET', path: '/v1/users' });
    return body.data.map(toUnifiedUser);
  }),
};

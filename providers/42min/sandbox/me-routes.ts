import Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { authOf, guard } from './auth';
import { sendData } from './envelope';
import { hostRef } from './model';
import type { StateOf } from './booking-routes';
import type { PatStore } from './pats';

/**
 * `GET /v1/me`: the account behind the bearer PAT, `{ data: { account: { id, name }, user } }`.
 * UNCONFIRMED (README § Assumptions): the seeds document no identity endpoint; this shape is the
 * sandbox's own. Any valid PAT may call it (no scope); it is counted, faulted and rate-limited
 * like the booking endpoints. `user` is the account's first host (its owner in the seed).
 */
export function meRoutes(kit: SandboxKit, pats: PatStore, stateOf: StateOf): Router {
  const router = new Router();
  router.get('/v1/me', guard(kit, pats, null), (ctx) => {
    const { accountId } = authOf(ctx);
    sendData(ctx, 200, { account: { id: accountId, name: `Sandbox account ${accountId}` }, user: hostRef(stateOf(accountId).hosts[0]) });
  });
  return router;
}

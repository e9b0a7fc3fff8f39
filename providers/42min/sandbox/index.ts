import Koa from 'koa';
import type { SandboxDefinition, SandboxKit } from '../../../src/provider-sdk';
import { bookingRoutes } from './booking-routes';
import { envelopeErrors } from './envelope';
import { meRoutes } from './me-routes';
import { patRoutes } from './pat-routes';
import { schedulingRoutes } from './scheduling-routes';
import { attachToKit, PatStore } from './pats';
import { seedAccount } from './seed';
import { WebhookRegistry, webhookRoutes } from './webhooks';

/**
 * The 42min emulator: personal access tokens and /v1/bookings on the real paths (seeds 000 and
 * 003). 42min has no OAuth in this gateway, so the kit's OAuth settings are unused; its token
 * faults and credential lookups are answered by the PAT store.
 */
export function createApp(kit: SandboxKit): Koa {
  const pats = new PatStore(kit);
  attachToKit(kit, pats);
  const stateOf = (accountId: string) => kit.account(accountId, (rng) => seedAccount(rng));
  const app = new Koa();
  app.use(envelopeErrors());
  const pat = patRoutes(kit, pats);
  const hooks = new WebhookRegistry(kit);
  const bookings = bookingRoutes(kit, pats, stateOf, hooks);
  app.use(pat.routes());
  app.use(bookings.routes());
  app.use(meRoutes(kit, pats, stateOf).routes());
  app.use(schedulingRoutes(kit, pats, stateOf).routes());
  app.use(webhookRoutes(kit, pats, hooks).routes());
  return app;
}

export const sandbox: SandboxDefinition = {
  kit: { accessTokenTtlSeconds: 3600 },
  create: createApp,
};

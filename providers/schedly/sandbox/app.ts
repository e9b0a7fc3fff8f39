import Router from '@koa/router';
import Koa from 'koa';
import { readJson, type SandboxCaller, type SandboxKit } from '../../../src/provider-sdk';
import { ApiKeys, registerKeyRoutes } from './api-keys';
import { registerAppointmentRoutes } from './appointments';
import { callerOf, guard } from './auth';
import { registerCatalogRoutes } from './catalog-routes';
import { registerCustomerRoutes } from './customers';
import { ApiError, envelopeErrors, sendData } from './envelope';
import { isPlan, PLANS, setPlan } from './limits';
import type { AccountState } from './model';
import { registerOAuthRoutes } from './oauth';
import { seedAccount } from './seed';
import { registerWebhookRoutes } from './webhooks';

/**
 * The Schedly emulator (seed 002): OAuth with its separate refresh path, `cal-api-key` keys, the
 * Services API (customers, appointments, services, employees, custom fields), the extension
 * endpoints (event types, slots), webhooks, per-plan minute windows, queued faults and stats.
 */
export function createSchedlyApp(kit: SandboxKit): Koa {
  const keys = new ApiKeys(kit);
  const stateOf = (ctx: { state: unknown }): AccountState => {
    const caller = (ctx.state as { caller: SandboxCaller }).caller;
    return kit.account(caller.accountId, (rng) => seedAccount(rng));
  };

  const open = new Router();
  registerOAuthRoutes(open, kit);
  registerKeyRoutes(open, kit, keys);

  const api = new Router();
  api.use(['/api/services', '/api/extension', '/api/webhooks', '/api/auth/oauth/me', '/api/sandbox/plan'], guard(kit, keys));
  // Seed: `{ "username": "…" }`, bare (no envelope). The account id is the practice's username in the sandbox.
  api.get('/api/auth/oauth/me', (ctx) => { ctx.body = { username: callerOf(ctx).accountId }; });
  // Sandbox extension: move the caller's own account to another plan (60/120/600 per minute).
  api.put('/api/sandbox/plan', async (ctx) => {
    const body = (await readJson(ctx)) as { plan?: unknown } | undefined;
    if (!isPlan(body?.plan)) throw ApiError.invalid('plan', `Must be one of: ${Object.keys(PLANS).join(', ')}`);
    setPlan(kit, callerOf(ctx).accountId, body.plan);
    sendData(ctx, { plan: body.plan, limit: PLANS[body.plan] });
  });
  registerCustomerRoutes(api, kit, stateOf);
  registerAppointmentRoutes(api, kit, stateOf);
  registerCatalogRoutes(api, kit, stateOf);
  registerWebhookRoutes(api, kit, stateOf);

  const app = new Koa();
  app.use(envelopeErrors());
  app.use(open.routes());
  app.use(api.routes());
  return app;
}

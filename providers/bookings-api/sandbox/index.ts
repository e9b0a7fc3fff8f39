import Koa from 'koa';
import type { SandboxDefinition, SandboxKit } from '../../../src/provider-sdk';
import { envelopeErrors } from './envelope';
import { KeyStore } from './keys';
import { seedAccount } from './model';
import { apiRoutes } from './routes';

/**
 * The bookings API emulator (seed 004): booking links, per-day availability from one slot engine,
 * bookings with a per-slot lock, the seed's errors, faults and stats through the kit, and API keys
 * issued at POST /sandbox/api-keys. No OAuth: the kit's OAuth settings are unused.
 */
export function createApp(kit: SandboxKit): Koa {
  const keys = new KeyStore(kit);
  const stateOf = (accountId: string) => kit.account(accountId, (rng) => seedAccount(accountId, rng, kit.clock.now()));
  const app = new Koa();
  app.use(envelopeErrors());
  app.use(apiRoutes(kit, keys, stateOf).routes());
  return app;
}

export const sandbox: SandboxDefinition = { kit: { accessTokenTtlSeconds: 3600 }, create: createApp };

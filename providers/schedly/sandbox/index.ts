import type { SandboxDefinition } from '../../../src/provider-sdk';
import { createSchedlyApp } from './app';

/**
 * Schedly sandbox: access tokens live 1800 s (seed 002; the host may shorten them for tests);
 * refresh tokens look like the seed's `rt_live_…`. Auth-code lifetime (5 min) is UNCONFIRMED.
 */
export const schedlySandbox: SandboxDefinition = {
  kit: { accessTokenTtlSeconds: 1800, codeTtlSeconds: 300, refreshPrefix: 'rt_sandbox_' },
  create: createSchedlyApp,
};

export { setPlan, PLANS } from './limits';
export { signBody } from './webhooks';

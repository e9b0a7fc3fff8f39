import type { SandboxDefinition } from '../../../src/provider-sdk';
import { createHubspotApp } from './app';

/**
 * HubSpot sandbox: access tokens live 1800 s like HubSpot's (§1.2; the host may shorten it for
 * tests); refresh tokens look like HubSpot's `na1-…` ones. Auth-code lifetime (5 min) is UNCONFIRMED.
 */
export const sandbox: SandboxDefinition = {
  kit: { accessTokenTtlSeconds: 1800, codeTtlSeconds: 300, refreshPrefix: 'na1-' },
  create: createHubspotApp,
};

import { GatewayError, type AccountIdentity, type AdapterContext } from '../../../src/provider-sdk';

/**
 * The portal behind the connection: `GET /account-info/2026-09/details` (official spec
 * `Account/Account Info/.../2026-09/accountInfo.json`, PortalInformationResponseSeptember2026):
 * `portalId` always, `portalName` optional. Its scope is `oauth`, which every HubSpot grant has.
 * The token-info endpoint (`/oauth/v1/access-tokens/{token}`) is deprecated and wants the token
 * in the path, which an adapter never sees.
 */
interface PortalInformation { portalId?: unknown; portalName?: unknown }

export async function identify(ctx: AdapterContext): Promise<AccountIdentity> {
  const info = await ctx.http.json<PortalInformation>({ method: 'GET', path: '/account-info/2026-09/details' });
  if (typeof info.portalId !== 'number') throw new GatewayError('PROVIDER_ERROR', { message: 'HubSpot account details carried no portalId' });
  return { providerAccountId: String(info.portalId), providerAccountName: typeof info.portalName === 'string' ? info.portalName : null };
}

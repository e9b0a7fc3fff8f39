import { GatewayError, type AccountIdentity, type AdapterContext } from '../../../src/provider-sdk';

/**
 * The company behind the connection: `GET /api/v1/users/me` (scope `base`, always granted,
 * reference/providers.md §3.1) answers the installing user with `company_id`, `company_name`
 * and `company_domain` (the `acme` of acme.pipedrive.com). The name falls back to the domain.
 */
interface Me { data?: { company_id?: unknown; company_name?: unknown; company_domain?: unknown } | null }

export async function identify(ctx: AdapterContext): Promise<AccountIdentity> {
  const me = (await ctx.http.json<Me>({ method: 'GET', path: '/api/v1/users/me' })).data;
  if (typeof me?.company_id !== 'number') throw new GatewayError('PROVIDER_ERROR', { message: 'Pipedrive users/me carried no company_id' });
  const name = [me.company_name, me.company_domain].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? null;
  return { providerAccountId: String(me.company_id), providerAccountName: name };
}

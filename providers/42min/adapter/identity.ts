import { GatewayError, type AccountIdentity, type AdapterContext } from '../../../src/provider-sdk';

/**
 * The account behind the personal access token: `GET /v1/me` → `{ data: { account: { id, name },
 * user } }`. UNCONFIRMED: the seeds document no identity endpoint; this one is the sandbox's and
 * is listed as an assumption in ../README.md. Any valid PAT may call it (no scope).
 */
interface Me { data?: { account?: { id?: unknown; name?: unknown } } }

export async function identify(ctx: AdapterContext): Promise<AccountIdentity> {
  const account = (await ctx.http.json<Me>({ method: 'GET', path: '/v1/me' })).data?.account;
  if (typeof account?.id !== 'string' || account.id === '') throw new GatewayError('PROVIDER_ERROR', { message: '42min /v1/me carried no account id' });
  return { providerAccountId: account.id, providerAccountName: typeof account.name === 'string' ? account.name : null };
}

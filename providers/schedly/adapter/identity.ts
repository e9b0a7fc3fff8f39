import { GatewayError, type AccountIdentity, type AdapterContext } from '../../../src/provider-sdk';

/**
 * The account behind the token or key: `GET /api/auth/oauth/me` → `{ "username": "sarahj" }`
 * (seed 002; read inside a `data` envelope too, as every other answer comes). The username is the
 * account's id and its name.
 */
interface Me { username?: unknown; name?: unknown; data?: { username?: unknown; name?: unknown } }

export async function identify(ctx: AdapterContext): Promise<AccountIdentity> {
  const body = await ctx.http.json<Me>({ method: 'GET', path: '/api/auth/oauth/me' });
  const me = typeof body.data === 'object' && body.data !== null ? body.data : body;
  if (typeof me.username !== 'string' || me.username === '') throw new GatewayError('PROVIDER_ERROR', { message: 'Schedly /me carried no username' });
  return { providerAccountId: me.username, providerAccountName: typeof me.name === 'string' && me.name !== '' ? me.name : me.username };
}

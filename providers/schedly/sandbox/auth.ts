import type Koa from 'koa';
import { bearerToken, grantCaller, type SandboxCaller, type SandboxKit } from '../../../src/provider-sdk';
import type { ApiKeys } from './api-keys';
import { ApiError } from './envelope';
import { faultRenderers, takeBudget } from './limits';

/**
 * Seed 002 "Authentication": the `cal-api-key` header, or `Authorization: Bearer <OAuth access
 * token>`. Failures are 401 UNAUTHORIZED in the envelope (the seed's example message for a key).
 */
const unauthorized = (message: string): ApiError => new ApiError('UNAUTHORIZED', message);

export function authenticate(ctx: Koa.Context, kit: SandboxKit, keys: ApiKeys): SandboxCaller {
  const key = ctx.get('cal-api-key');
  if (key) {
    const caller = keys.verify(key);
    if (!caller) throw unauthorized('Invalid API key provided.');
    return caller;
  }
  const token = bearerToken(ctx);
  if (!token) throw unauthorized('Authentication credentials are missing.');
  const check = kit.tokens.verifyAccess(token);
  if (check.ok) return grantCaller(check.grant);
  throw unauthorized(check.error === 'expired' ? 'Access token expired.' : 'Invalid access token.');
}

export const callerOf = (ctx: Koa.Context): SandboxCaller => (ctx.state as { caller: SandboxCaller }).caller;

/** In front of every API endpoint: credential → stats and queued faults (kit.gate) → the plan's minute window. */
export function guard(kit: SandboxKit, keys: ApiKeys): Koa.Middleware {
  return async (ctx, next) => {
    const caller = authenticate(ctx, kit, keys);
    (ctx.state as { caller: SandboxCaller }).caller = caller;
    if (!(await kit.gate(ctx, caller, faultRenderers(kit, caller.accountId)))) return;
    if (!takeBudget(kit, ctx, caller.accountId)) return;
    await next();
  };
}

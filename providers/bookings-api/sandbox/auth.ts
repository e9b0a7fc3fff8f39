import type Koa from 'koa';
import { bearerToken, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import type { KeyInfo, KeyStore, Scope } from './keys';
import { faultRenderers, takeBudget } from './limits';

/** ctx.state.key, set by `guard`. */
export const keyOf = (ctx: Koa.Context): KeyInfo => (ctx.state as { key: KeyInfo }).key;

/**
 * In front of every API endpoint: `Authorization: Bearer <key>` (401 unauthorized) → stats and
 * queued faults (kit.gate) → the account's budget → the endpoint's scope (403 insufficient_scope).
 */
export function guard(kit: SandboxKit, keys: KeyStore, scope: Scope): Koa.Middleware {
  return async (ctx, next) => {
    const token = bearerToken(ctx);
    const key = token ? keys.verify(token) : null;
    if (!key) throw new ApiError(401, 'unauthorized', 'Missing, malformed, unknown or revoked API key.');
    (ctx.state as { key: KeyInfo }).key = key;
    if (!(await kit.gate(ctx, key.caller, faultRenderers(kit, key.caller.accountId)))) return;
    if (!takeBudget(kit, ctx, key.caller.accountId)) return;
    if (!key.scopes.includes(scope)) throw new ApiError(403, 'insufficient_scope', `This endpoint requires the ${scope} scope.`);
    await next();
  };
}

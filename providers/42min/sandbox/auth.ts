import type Koa from 'koa';
import { bearerToken, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import { faultRenderers, takeBudget } from './limits';
import type { PatRecord, PatStore, Scope } from './pats';

/** Seed 000 "Authentication (401)" meanings, used as messages. */
const MESSAGES = {
  invalid_token: 'Missing, malformed, or unknown bearer token.',
  token_expired: 'Token is past its expiry.',
  token_revoked: 'Token has been revoked.',
} as const;

export interface AuthState { accountId: string; pat: PatRecord }

/**
 * Seed 000: 401s carry `WWW-Authenticate: Bearer realm="42min", error="…"` for RFC 6750 clients.
 * RFC 6750 §3.1 defines only invalid_token for a bad/expired/revoked token, so that is the error
 * value; the 42min code goes in error_description.
 */
export function unauthorized(code: keyof typeof MESSAGES): ApiError {
  return new ApiError(401, code, MESSAGES[code], {}, {
    'WWW-Authenticate': `Bearer realm="42min", error="invalid_token", error_description="${code}"`,
  });
}

/** Resolves the request's PAT or throws the seed's 401. */
export function authenticate(ctx: Koa.Context, pats: PatStore): AuthState {
  const token = bearerToken(ctx);
  if (!token) throw unauthorized('invalid_token');
  const check = pats.verify(token);
  if (!check.ok) throw unauthorized(check.code);
  return { accountId: check.pat.accountId, pat: check.pat };
}

export function requireScope(pat: PatRecord, scope: Scope): void {
  if (pat.scopes.includes(scope)) return;
  throw new ApiError(403, 'insufficient_scope', `This action requires the '${scope}' scope`, { required_scope: scope }, {
    'WWW-Authenticate': `Bearer realm="42min", error="insufficient_scope", scope="${scope}"`,
  });
}

/** ctx.state.auth, set by `guard`. */
export function authOf(ctx: Koa.Context): AuthState {
  return (ctx.state as { auth: AuthState }).auth;
}

/**
 * The pipeline in front of every authenticated endpoint: token → stats and queued faults
 * (kit.gate) → burst budget → scope. A scope of null means any valid token will do.
 */
export function guard(kit: SandboxKit, pats: PatStore, scope: Scope | null): Koa.Middleware {
  return async (ctx, next) => {
    const auth = authenticate(ctx, pats);
    (ctx.state as { auth: AuthState }).auth = auth;
    if (!(await kit.gate(ctx, { accountId: auth.accountId, grantId: auth.pat.id }, faultRenderers(kit, auth.accountId)))) return;
    if (!takeBudget(kit, ctx, auth.accountId)) return;
    if (scope) requireScope(auth.pat, scope);
    await next();
  };
}

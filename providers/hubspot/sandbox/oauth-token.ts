import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { grantCaller, readForm, type CodeError, type IssuedTokens, type SandboxKit } from '../../../src/provider-sdk';
import { accountState, expiredAuthentication, invalidAuthentication } from './auth-guard';
import { sendError } from './errors';
import { faultRenderers } from './limits';
import { hubIdFor } from './state';

/**
 * HubSpot's token endpoint (reference/providers.md §1.2) at /oauth/v1/token (deprecated, still
 * live), /oauth/v3/token and /oauth/2026-03/token: form-encoded, client_id/client_secret in the
 * body only (no HTTP Basic), refresh tokens not rotated. Also the v1 token-info and
 * refresh-token-delete endpoints.
 */
export const TOKEN_PATHS = ['/oauth/v1/token', '/oauth/v3/token', '/oauth/2026-03/token'];

/** HubSpot's OAuth error shape: `error`/`error_description` plus its own `status`/`message`. */
function oauthError(ctx: Context, error: string, status: string, message: string): void {
  ctx.status = 400;
  ctx.body = { error, error_description: message, status, message };
}

/** §1.2, exactly: a dead, revoked or unknown refresh token. */
function badRefreshToken(ctx: Context): void {
  oauthError(ctx, 'invalid_grant', 'BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked');
}

/** Auth-code errors: statuses BAD_AUTH_CODE / EXPIRED_AUTH_CODE / BAD_REDIRECT_URI / BAD_CODE_VERIFIER are community-observed; texts UNCONFIRMED. */
function codeError(ctx: Context, error: CodeError): void {
  switch (error) {
    case 'expired': return oauthError(ctx, 'invalid_grant', 'EXPIRED_AUTH_CODE', 'auth code is expired');
    case 'redirect_mismatch': return oauthError(ctx, 'invalid_grant', 'BAD_REDIRECT_URI', 'redirect_uri does not match initial auth code URL');
    case 'pkce_missing':
    case 'pkce_mismatch': return oauthError(ctx, 'invalid_grant', 'BAD_CODE_VERIFIER', 'code_verifier is missing or does not match the code_challenge');
    default: return oauthError(ctx, 'invalid_grant', 'BAD_AUTH_CODE', 'missing or unknown auth code');
  }
}

/** The success body of §1.2, field for field; hub_id is derived from the sandbox account. */
function tokenBody(t: IssuedTokens): Record<string, unknown> {
  return {
    token_type: 'bearer', refresh_token: t.refreshToken, access_token: t.accessToken,
    hub_id: hubIdFor(t.grant.accountId), scopes: t.grant.scopes, expires_in: t.expiresIn,
  };
}

async function token(ctx: Context, kit: SandboxKit): Promise<void> {
  const form = await readForm(ctx);
  const grantType = form.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError(ctx, 'unsupported_grant_type', 'BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
  }
  if (!kit.tokens.getClient(form.client_id)) return oauthError(ctx, 'invalid_client', 'BAD_CLIENT_ID', 'missing or unknown client id');
  const client = kit.tokens.authenticateClient(form.client_id, form.client_secret);
  if (!client) return oauthError(ctx, 'invalid_client', 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
  ctx.set('Cache-Control', 'no-store');

  if (grantType === 'authorization_code') {
    if (!form.redirect_uri) return codeError(ctx, 'redirect_mismatch');
    const r = kit.tokens.redeemCode(form.code ?? '', { clientId: client.clientId, redirectUri: form.redirect_uri, codeVerifier: form.code_verifier }, false);
    if (!r.ok) return codeError(ctx, r.error);
    kit.stats.tokenIssued(grantCaller(r.tokens.grant));
    ctx.body = tokenBody(r.tokens);
    return;
  }

  // Refreshes are requests on the account too: they are counted and can be hit by queued faults.
  const caller = kit.tokens.callerOf(form.refresh_token ?? '');
  if (caller && !(await kit.gate(ctx, caller, faultRenderers(kit, caller.accountId, false)))) return;
  // HubSpot returns the same refresh token in practice (§0 "Not rotated in practice").
  const r = kit.tokens.refresh(form.refresh_token ?? '', { clientId: client.clientId, rotate: false });
  if (!r.ok) return badRefreshToken(ctx);
  kit.stats.refreshed(grantCaller(r.tokens.grant));
  ctx.body = tokenBody(r.tokens);
}

export function registerTokenRoutes(router: Router, kit: SandboxKit): void {
  for (const path of TOKEN_PATHS) router.post(path, (ctx) => token(ctx, kit));

  // §1.2: "will only delete the refresh token… will not uninstall the application". Unknown token → 404 (UNCONFIRMED).
  router.delete('/oauth/v1/refresh-tokens/:token', (ctx) => {
    if (!kit.tokens.revokeToken(ctx.params.token)) return sendError(ctx, 404, 'OBJECT_NOT_FOUND', 'refresh token not found');
    ctx.status = 204;
  });

  // Access-token metadata (v1, deprecated): how a client learns hub_id, user and scopes of a token.
  router.get('/oauth/v1/access-tokens/:token', (ctx) => {
    const v = kit.tokens.verifyAccess(ctx.params.token);
    if (!v.ok) return v.error === 'expired' && v.expiredAt !== undefined ? expiredAuthentication(ctx, kit, v.expiredAt) : invalidAuthentication(ctx);
    const owner = accountState(kit, v.grant.accountId).owners[0];
    const hubId = hubIdFor(v.grant.accountId);
    ctx.body = {
      token: ctx.params.token, user: owner.email, hub_domain: `sandbox-${hubId}.hubspot.com`, scopes: v.grant.scopes,
      hub_id: hubId, app_id: createHash('sha256').update(v.grant.clientId).digest().readUInt32LE(0) % 9_000_000 + 1_000_000,
      expires_in: Math.max(0, Math.floor((v.expiresAt - kit.clock.now()) / 1000)), user_id: owner.userId, token_type: 'access',
    };
  });
}

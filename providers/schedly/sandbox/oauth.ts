import type Router from '@koa/router';
import type { Context } from 'koa';
import { grantCaller, readForm, renderConsentPage, type IssuedTokens, type SandboxKit } from '../../../src/provider-sdk';

/**
 * Seed 002 "OAuth 2.0": authorize `GET /auth/oauth2/authorize` (client_id, redirect_uri and state
 * required; optional PKCE S256), token `POST /api/auth/oauth/token` (form body, client_secret in the
 * body) for authorization codes only, refresh `POST /api/auth/oauth/refreshToken` for refresh
 * tokens only (rotating). Either path refuses the other's grant with unsupported_grant_type, as a
 * real server with two endpoints would. The consent page posts back to the authorize URL with
 * decision=allow|deny (sandbox extension: `account` picks the sandbox account).
 *
 * Errors: client-level authorize failures (client_not_found, redirect_uri_mismatch, not_approved,
 * invalid_request) answer 400 JSON without a redirect (the redirect URI is not trusted yet, or the
 * client may not be used at all); a denial redirects with error=access_denied. Token errors are RFC
 * 6749 `{ error, error_description }`.
 */
export const UNAPPROVED_CLIENT_ID = 'cl_sandbox_unapproved';
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SCOPES = ['services'];

const q = (ctx: Context, name: string): string | undefined => {
  const v = ctx.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === '' ? undefined : s;
};

function oauthError(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { error, error_description: description };
}

interface AuthorizeRequest { clientId: string; appName: string; redirectUri: string; state: string; codeChallenge?: string }

function parseAuthorize(ctx: Context, kit: SandboxKit): AuthorizeRequest | null {
  const clientId = q(ctx, 'client_id');
  if (clientId === UNAPPROVED_CLIENT_ID) { oauthError(ctx, 400, 'not_approved', 'The OAuth client has not been approved.'); return null; }
  const client = kit.tokens.getClient(clientId);
  if (!client) { oauthError(ctx, 400, 'client_not_found', "The client_id doesn't match any registered client."); return null; }
  const redirectUri = q(ctx, 'redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) { oauthError(ctx, 400, 'redirect_uri_mismatch', "The redirect_uri doesn't match any registered URI."); return null; }
  const state = q(ctx, 'state');
  if (!state) { oauthError(ctx, 400, 'invalid_request', 'The state parameter is required.'); return null; }
  const responseType = q(ctx, 'response_type') ?? 'code';
  if (responseType !== 'code') { oauthError(ctx, 400, 'invalid_request', 'response_type must be code.'); return null; }
  const codeChallenge = q(ctx, 'code_challenge');
  if (codeChallenge && (q(ctx, 'code_challenge_method') ?? 'S256') !== 'S256') {
    oauthError(ctx, 400, 'invalid_request', 'Only code_challenge_method=S256 is supported.');
    return null;
  }
  return { clientId: client.clientId, appName: client.appName, redirectUri, state, codeChallenge };
}

function redirectTo(ctx: Context, redirectUri: string, params: Record<string, string>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  ctx.redirect(url.toString());
}

function sendTokens(ctx: Context, t: IssuedTokens): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { access_token: t.accessToken, refresh_token: t.refreshToken, token_type: 'Bearer', expires_in: t.expiresIn };
}

export function registerOAuthRoutes(router: Router, kit: SandboxKit): void {
  router.get('/auth/oauth2/authorize', (ctx) => {
    const req = parseAuthorize(ctx, kit);
    if (!req) return;
    const preset = q(ctx, 'account');
    ctx.type = 'html';
    ctx.body = renderConsentPage({
      providerName: 'Schedly', appName: req.appName, scopes: SCOPES,
      accountId: preset && ACCOUNT_ID.test(preset) ? preset : kit.newAccountId(),
    });
  });

  router.post('/auth/oauth2/authorize', async (ctx) => {
    const req = parseAuthorize(ctx, kit);
    if (!req) return;
    const form = await readForm(ctx);
    if (form.decision !== 'allow') {
      return redirectTo(ctx, req.redirectUri, { error: 'access_denied', error_description: 'User denied access', state: req.state });
    }
    const accountId = form.account || q(ctx, 'account') || kit.newAccountId();
    if (!ACCOUNT_ID.test(accountId)) return oauthError(ctx, 400, 'invalid_request', 'The sandbox account id must match [A-Za-z0-9_-]{1,64}.');
    const code = kit.tokens.issueCode({ clientId: req.clientId, accountId, scopes: SCOPES, redirectUri: req.redirectUri, codeChallenge: req.codeChallenge });
    redirectTo(ctx, req.redirectUri, { code, state: req.state });
  });

  /** Form body with client_id and client_secret (every sandbox client is confidential). */
  const clientOf = async (ctx: Context, required: string[]): Promise<{ form: Record<string, string>; clientId: string } | null> => {
    const form = await readForm(ctx);
    const missing = ['grant_type', 'client_id', ...required].filter((p) => !form[p]);
    if (missing.length > 0) { oauthError(ctx, 400, 'invalid_request', `Missing required parameter: ${missing.join(', ')}`); return null; }
    const client = kit.tokens.authenticateClient(form.client_id, form.client_secret);
    if (!client) { oauthError(ctx, 401, 'invalid_client', 'Client authentication failed.'); return null; }
    return { form, clientId: client.clientId };
  };

  router.post('/api/auth/oauth/token', async (ctx) => {
    const a = await clientOf(ctx, []);
    if (!a) return;
    if (a.form.grant_type !== 'authorization_code') {
      return oauthError(ctx, 400, 'unsupported_grant_type', 'This endpoint accepts grant_type=authorization_code only; refresh at /api/auth/oauth/refreshToken.');
    }
    const missing = ['code', 'redirect_uri'].filter((p) => !a.form[p]);
    if (missing.length > 0) return oauthError(ctx, 400, 'invalid_request', `Missing required parameter: ${missing.join(', ')}`);
    const r = kit.tokens.redeemCode(a.form.code, { clientId: a.clientId, redirectUri: a.form.redirect_uri, codeVerifier: a.form.code_verifier }, true);
    if (!r.ok) {
      if (r.error === 'pkce_missing') return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter: code_verifier');
      return oauthError(ctx, 400, 'invalid_grant', 'The authorization code is invalid or expired.');
    }
    const caller = grantCaller(r.tokens.grant);
    kit.stats.request(caller, ctx.method, ctx.path);
    kit.stats.tokenIssued(caller);
    sendTokens(ctx, r.tokens);
  });

  router.post('/api/auth/oauth/refreshToken', async (ctx) => {
    const a = await clientOf(ctx, []);
    if (!a) return;
    if (a.form.grant_type !== 'refresh_token') {
      return oauthError(ctx, 400, 'unsupported_grant_type', 'This endpoint accepts grant_type=refresh_token only.');
    }
    if (!a.form.refresh_token) return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter: refresh_token');
    const r = kit.tokens.refresh(a.form.refresh_token, { clientId: a.clientId, rotate: true });
    if (!r.ok) return oauthError(ctx, 400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
    const caller = grantCaller(r.tokens.grant);
    kit.stats.request(caller, ctx.method, ctx.path);
    kit.stats.tokenIssued(caller);
    kit.stats.refreshed(caller);
    sendTokens(ctx, r.tokens);
  });
}
